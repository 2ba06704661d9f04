package io.github.sentineldrill.internal.runtime;

import io.github.sentineldrill.NodeAddress;

import java.util.Optional;

/** The backend's part of a node: its process or container. */
public interface BackendNode {

    NodePlan plan();

    /** Where it listens and works, as it sees it. */
    NodeLayout layout();

    /** Where the test JVM reaches its client port directly. */
    NodeAddress reachable();

    /** Where the test JVM reaches its bus port directly, for a cluster node. */
    Optional<NodeAddress> reachableBus();

    /** How peers reach it when it is not behind a relay (a sentinel): its own address in the topology. */
    NodeAddress peerAddress();

    /**
     * Why it is gone, in words (such as {@code exited with code 1}), once a start of it has ended; empty while it
     * runs, or before it was first started.
     */
    Optional<String> exit();

    /** Whether it ended because its port was taken between choosing and binding it. */
    boolean portTaken();

    /** The last {@code lines} lines of its log (across restarts). */
    String logTail(int lines);
}
