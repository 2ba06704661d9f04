package io.github.sentineldrill.internal.docker;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.NodeIdentity;
import org.testcontainers.containers.GenericContainer;

import java.util.Arrays;

/**
 * One node of the DOCKER backend: a container known inside the topology's network by its alias (its
 * {@link #address()}: alias and port inside the network), and reached from the test JVM through its published port.
 */
final class DockerNode extends NodeIdentity {

    private final GenericContainer<?> container;
    private final String reachableHost;
    private volatile NodeAddress reachable;

    DockerNode(String name, boolean sentinel, int port, GenericContainer<?> container, String reachableHost) {
        super(name, sentinel, new NodeAddress(name, port));
        this.container = container;
        this.reachableHost = reachableHost;
    }

    /** The published port, read once the container has started and kept: a stopped container has none. */
    @Override
    public NodeAddress reachableAddress() {
        NodeAddress known = reachable;
        if (known == null) {
            known = new NodeAddress(reachableHost, container.getMappedPort(address().port()));
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
}
