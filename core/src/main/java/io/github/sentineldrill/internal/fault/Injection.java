package io.github.sentineldrill.internal.fault;

import io.github.sentineldrill.internal.node.NodeHandle;

import java.util.List;

/**
 * A fault just carried out.
 *
 * @param targets           the nodes it hit
 * @param heal              undoes it: restarts what it took down, resumes what it froze, lifts a partition; runs with
 *                          the scene's lock held
 * @param masterHit         the master it aimed at, or null: a failover away from it is what {@code awaitFailover()}
 *                          waits for
 * @param masterUnreachable whether it keeps the master from its peers while in effect (the failure detectors may act)
 */
public record Injection(List<NodeHandle> targets, Runnable heal, NodeHandle masterHit, boolean masterUnreachable) {

    public Injection {
        targets = List.copyOf(targets);
    }

    /** A fault on a master that keeps it from its peers until healed. */
    public static Injection onMaster(NodeHandle master, Runnable heal) {
        return new Injection(List.of(master), heal, master, true);
    }

    /** A fault on other nodes than a master. */
    public static Injection onNodes(List<NodeHandle> nodes, Runnable heal) {
        return new Injection(nodes, heal, null, false);
    }
}
