package io.github.sentineldrill.internal;

import io.github.sentineldrill.AddressMapper;
import io.github.sentineldrill.Backend;

import java.util.List;
import java.util.stream.Stream;

/**
 * A running topology of one backend: its nodes and how to reach them. Backends are strategies behind this interface;
 * everything that only needs to talk to nodes (health, roles) lives outside them.
 */
public interface Topology extends AutoCloseable {

    /** The backend that runs the nodes; never {@link Backend#AUTO}. */
    Backend backend();

    /** One line for logs, such as {@code LOCAL, redis-server 7.0.15 (/usr/bin/redis-server)}. */
    String description();

    /** The data nodes in start order: {@code redis-0} was the first master. */
    List<NodeHandle> dataNodes();

    List<NodeHandle> sentinels();

    /**
     * Maps the address a node is known by inside the topology to the address the test JVM reaches it on; addresses of
     * no node are returned unchanged.
     */
    default AddressMapper addressMapper() {
        return announced -> Stream.concat(dataNodes().stream(), sentinels().stream())
                .filter(node -> node.address().equals(announced))
                .findFirst()
                .map(NodeHandle::reachableAddress)
                .orElse(announced);
    }

    /**
     * Throws a {@link io.github.sentineldrill.SentinelDrillException} if a node the topology expects to be running
     * has exited, with the tail of its log; returns otherwise.
     */
    void checkProcesses();

    /** Stops every node and removes everything the topology created. Idempotent; never throws. */
    @Override
    void close();
}
