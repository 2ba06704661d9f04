package io.github.sentineldrill.internal.fault;

import io.github.sentineldrill.drill.TopologyKind;
import io.github.sentineldrill.fault.FailoverMode;
import io.github.sentineldrill.internal.node.NodeHandle;

import java.util.List;

/**
 * What a topology kind offers faults to act on: its roles, and operations on its nodes that keep the topology's
 * bookkeeping (node states, relays) right. Faults call it with the scene's lock held (see {@link ActiveFaults}).
 */
public interface FaultScene {

    TopologyKind kind();

    /** The topology's name in messages: its master name, or {@code cluster}. */
    String name();

    /** Shards, in slot order: 1 for a Sentinel topology. */
    int shards();

    /**
     * The master of {@code shard} now.
     *
     * @throws IllegalArgumentException naming the allowed shards, when it has no such shard
     */
    NodeHandle master(int shard);

    /** The replicas of {@code shard}'s master now, in start order. */
    List<NodeHandle> replicas(int shard);

    /** The sentinels, in start order; empty for a Redis Cluster. */
    List<NodeHandle> sentinels();

    /** Waits until the links of {@code master}'s peers to it are settled, so that its failure is seen as in production. */
    void awaitSettledLinks(NodeHandle master);

    /** SIGKILL (docker kill); returns once the node is gone. */
    void kill(NodeHandle node);

    /** SIGTERM: a graceful shutdown; returns once the node is gone. */
    void stop(NodeHandle node);

    /** SIGSTOP (docker pause). */
    void freeze(NodeHandle node);

    /** Resumes a frozen node; nothing if it is not frozen. */
    void thawIfFrozen(NodeHandle node);

    /** Cuts the node off from its peers, both ways, while the test's clients still reach it. */
    void cut(NodeHandle node);

    /** Lifts a cut; nothing if it is not cut. */
    void restoreIfCut(NodeHandle node);

    /** Kills the node and starts it again at once on its address, empty (no persistence); returns once it answers. */
    void restartEmpty(NodeHandle node);

    /** Starts again those of {@code nodes} that are down, in the role the topology gives them now; waits until they answer. */
    void restartIfDown(List<NodeHandle> nodes);

    /**
     * Asks for a planned failover of {@code shard}: {@code SENTINEL FAILOVER}, or {@code CLUSTER FAILOVER [mode]} on
     * one of its replicas.
     *
     * @throws IllegalArgumentException when the topology has no such mode
     */
    void manualFailover(int shard, FailoverMode mode);

    /** Throws an {@link IllegalStateException} naming the fault if {@code node} is not running. */
    default NodeHandle running(NodeHandle node, String fault) {
        if (node.state() != io.github.sentineldrill.internal.node.NodeState.RUNNING) {
            throw new IllegalStateException("Cannot inject " + fault + ": " + node.name() + " is "
                    + node.state().describe() + " already; heal the fault that hit it, or reset()");
        }
        return node;
    }
}
