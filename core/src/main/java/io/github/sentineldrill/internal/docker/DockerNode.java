package io.github.sentineldrill.internal.docker;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.NodeIdentity;
import io.github.sentineldrill.internal.Waits;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One node of the DOCKER backend: a container in the topology's network, reached from the test JVM through its
 * published port. Its peers know a data node by its relay's address and a sentinel by its network alias.
 */
final class DockerNode extends NodeIdentity {

    private final GenericContainer<?> container;
    private final int port;
    private final String reachableHost;
    private volatile NodeAddress reachable;

    /**
     * @param announced the address the node's peers know it by
     * @param port      the port the node listens on inside its container
     */
    DockerNode(String name, boolean sentinel, NodeAddress announced, int port, GenericContainer<?> container,
               String reachableHost) {
        super(name, sentinel, announced);
        this.container = container;
        this.port = port;
        this.reachableHost = reachableHost;
    }

    /** The published port, read once the container has started and kept until the container is restarted. */
    @Override
    public NodeAddress reachableAddress() {
        NodeAddress known = reachable;
        if (known == null) {
            known = new NodeAddress(reachableHost, publishedPort());
            reachable = known;
        }
        return known;
    }

    private int publishedPort() {
        Ports.Binding[] bindings = DockerClientFactory.instance().client()
                .inspectContainerCmd(container.getContainerId()).exec()
                .getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(port));
        if (bindings == null || bindings.length == 0) {
            throw new SentinelDrillException(name() + " publishes no port for " + port + " (is it running?)");
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }

    /** Makes the next {@link #reachableAddress()} read the published port anew, as after a restart. */
    void forgetReachableAddress() {
        reachable = null;
    }

    GenericContainer<?> container() {
        return container;
    }

    boolean isRunning() {
        return container.getContainerId() != null && container.isRunning();
    }

    /** Sends a signal, such as {@code KILL} or {@code TERM}, to the container's main process. */
    void signal(String signal) {
        DockerClientFactory.instance().client().killContainerCmd(container.getContainerId()).withSignal(signal).exec();
    }

    /** Waits until the container has stopped after {@code what}. */
    void awaitStopped(String what, Duration timeout) {
        Waits.until(name() + " stopped after " + what, timeout,
                () -> isRunning() ? List.of(name() + "'s container is still running") : List.of());
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
