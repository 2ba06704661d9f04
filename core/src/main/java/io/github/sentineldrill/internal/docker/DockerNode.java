package io.github.sentineldrill.internal.docker;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.NodeHandle;
import org.testcontainers.containers.GenericContainer;

import java.util.Arrays;

/**
 * One node of the DOCKER backend: a container known inside the topology's network by its alias, and reached from the
 * test JVM through its published port.
 */
final class DockerNode implements NodeHandle {

    private final String name;
    private final boolean sentinel;
    private final NodeAddress address;
    private final GenericContainer<?> container;
    private final String reachableHost;
    private volatile NodeAddress reachable;

    DockerNode(String name, boolean sentinel, int port, GenericContainer<?> container, String reachableHost) {
        this.name = name;
        this.sentinel = sentinel;
        this.address = new NodeAddress(name, port);
        this.container = container;
        this.reachableHost = reachableHost;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isSentinel() {
        return sentinel;
    }

    /** The network alias and the port inside the network: what sentinels announce and replicas connect to. */
    @Override
    public NodeAddress address() {
        return address;
    }

    /** The published port, read once the container has started and kept: a stopped container has none. */
    @Override
    public NodeAddress reachableAddress() {
        NodeAddress known = reachable;
        if (known == null) {
            known = new NodeAddress(reachableHost, container.getMappedPort(address.port()));
            reachable = known;
        }
        return known;
    }

    GenericContainer<?> container() {
        return container;
    }

    boolean isRunning() {
        return container.getContainerId() != null && container.isRunning();
    }

    @Override
    public String logTail(int lines) {
        if (container.getContainerId() == null) {
            return "(not started)";
        }
        try {
            String[] all = container.getLogs().split("\r?\n");
            return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
        } catch (RuntimeException e) {
            return "(no logs: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + "@" + address;
    }
}
