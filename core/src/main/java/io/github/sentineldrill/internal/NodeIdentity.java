package io.github.sentineldrill.internal;

import io.github.sentineldrill.NodeAddress;

import java.util.List;
import java.util.stream.Collectors;

/** What every backend's node has: a name, a kind, and the address the topology knows it by. */
public abstract class NodeIdentity implements NodeHandle {

    private final String name;
    private final boolean sentinel;
    private final NodeAddress address;
    private volatile NodeState state = NodeState.RUNNING;

    protected NodeIdentity(String name, boolean sentinel, NodeAddress address) {
        this.name = name;
        this.sentinel = sentinel;
        this.address = address;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean isSentinel() {
        return sentinel;
    }

    @Override
    public final NodeAddress address() {
        return address;
    }

    @Override
    public final NodeState state() {
        return state;
    }

    @Override
    public final void state(NodeState state) {
        this.state = state;
    }

    /** The last lines of every node's log, one section per node, for failure messages. */
    public static String logTails(List<? extends NodeHandle> nodes, int lines) {
        return nodes.stream()
                .map(node -> "--- " + node.name() + ", last lines of its log:\n" + node.logTail(lines))
                .collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return name + "@" + address;
    }
}
