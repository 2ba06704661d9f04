package io.github.sentineldrill.internal.fault;

import io.github.sentineldrill.internal.node.NodeHandle;

import java.util.List;

/** What a fault does: every fault value implements it. */
public interface FaultAction {

    /**
     * The nodes the topology should be settled around before the fault acts (a master: its peers' links to it, and on a
     * Redis Cluster the cooldown of a previous election, see {@link FaultScene#awaitSettledLinks}); waited for before
     * the scene's lock is taken. Empty by default.
     */
    default List<NodeHandle> settleFirst(FaultScene scene) {
        return List.of();
    }

    /**
     * Carries out the fault now, with the scene's lock held, and says how to heal it.
     *
     * @throws IllegalArgumentException when the fault does not fit this topology (a shard or replica it lacks, a
     *                                  fault of another topology kind)
     * @throws IllegalStateException    when its target is down or frozen already
     */
    Injection inject(FaultScene scene);
}
