package io.github.sentineldrill.internal.runtime;

import io.github.sentineldrill.internal.node.NodeRole;

import java.util.Objects;

/**
 * A node to be started.
 *
 * @param name  its name, such as {@code redis-0} or {@code sentinel-1}: unique in the topology, it names its log,
 *              directory or container
 * @param role  what it is
 * @param busId the node id it announces on the cluster bus (a Redis Cluster node), or {@code null}
 */
public record NodePlan(String name, NodeRole role, String busId) {

    public NodePlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (role.hasBusPort() != (busId != null)) {
            throw new IllegalArgumentException(name + ": a bus id is for cluster nodes only, and they need one");
        }
    }

    public static NodePlan of(String name, NodeRole role) {
        return new NodePlan(name, role, null);
    }

    /** Whether peers reach it through relays in the test JVM (data and cluster nodes; sentinels are reached directly). */
    public boolean relayed() {
        return role != NodeRole.SENTINEL;
    }
}
