package io.github.sentineldrill.drill;

import io.github.sentineldrill.Backend;

import java.util.Objects;

/**
 * The topology a drill ran on, as its report names it.
 *
 * @param kind          Sentinel or Redis Cluster
 * @param backend       where the nodes ran: {@link Backend#LOCAL} or {@link Backend#DOCKER}
 * @param backendChoice why that backend, in words, such as {@code "requested"} or
 *                      {@code "AUTO chose LOCAL: Testcontainers found no Docker engine: ..."}
 * @param name          the master name of a Sentinel topology, {@code "cluster"} for a Redis Cluster
 * @param shape         its shape in words, such as {@code "1 master, 2 replicas, 3 sentinels (quorum 2), down-after
 *                      1000 ms, failover-timeout 10000 ms"}
 */
public record DrillTopology(TopologyKind kind, Backend backend, String backendChoice, String name, String shape) {

    public DrillTopology {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(backendChoice, "backendChoice");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
    }
}
