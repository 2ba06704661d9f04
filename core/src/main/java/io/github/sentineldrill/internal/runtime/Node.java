package io.github.sentineldrill.internal.runtime;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.node.NodeHandle;
import io.github.sentineldrill.internal.node.NodeRole;
import io.github.sentineldrill.internal.node.NodeState;

import java.util.Optional;

/**
 * A node of a running topology: what it is, what its peers know it by, its backend part, and what faults did to it.
 * Its peers know a relayed node by its relays' addresses and a sentinel by its own.
 */
public final class Node implements NodeHandle {

    private final NodePlan plan;
    private final BackendNode backend;
    private final NodeAddress address;
    private final NodeAddress busAddress;
    private volatile NodeState state = NodeState.RUNNING;

    Node(NodePlan plan, BackendNode backend, NodeAddress address, NodeAddress busAddress) {
        this.plan = plan;
        this.backend = backend;
        this.address = address;
        this.busAddress = busAddress;
    }

    @Override
    public String name() {
        return plan.name();
    }

    @Override
    public NodeRole role() {
        return plan.role();
    }

    /** The id it announces on the cluster bus, for a cluster node. */
    public Optional<String> busId() {
        return Optional.ofNullable(plan.busId());
    }

    @Override
    public NodeAddress address() {
        return address;
    }

    /** What its peers know its cluster bus port by, for a cluster node. */
    public Optional<NodeAddress> busAddress() {
        return Optional.ofNullable(busAddress);
    }

    @Override
    public NodeAddress reachableAddress() {
        return backend.reachable();
    }

    /** Where and how it works, as it sees it. */
    public NodeLayout layout() {
        return backend.layout();
    }

    BackendNode backend() {
        return backend;
    }

    @Override
    public NodeState state() {
        return state;
    }

    @Override
    public void state(NodeState state) {
        this.state = state;
    }

    @Override
    public String logTail(int lines) {
        return backend.logTail(lines);
    }

    @Override
    public String toString() {
        return name() + "@" + address;
    }
}
