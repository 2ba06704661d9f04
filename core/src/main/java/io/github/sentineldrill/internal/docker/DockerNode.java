package io.github.sentineldrill.internal.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.runtime.BackendNode;
import io.github.sentineldrill.internal.runtime.NodeLayout;
import io.github.sentineldrill.internal.runtime.NodePlan;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One node of the DOCKER backend: a container in the topology's network, reached from the test JVM through its
 * published ports. On a local engine those are fixed loopback ports chosen before the container is created, so a
 * restarted container keeps them; on a remote engine the engine picks them, and they are read again after a restart.
 */
final class DockerNode implements BackendNode {

    private final NodePlan plan;
    private final NodeLayout layout;
    private final GenericContainer<?> container;
    private final String reachableHost;
    private final OptionalInt fixedClientPort;
    private final OptionalInt fixedBusPort;
    private volatile NodeAddress reachable;
    private volatile NodeAddress reachableBus;
    /** The engine's reason when the container could not be started: why it is gone before it ran. */
    private volatile String startFailure;
    private volatile boolean portTaken;

    DockerNode(NodePlan plan, NodeLayout layout, GenericContainer<?> container, String reachableHost,
               OptionalInt fixedClientPort, OptionalInt fixedBusPort) {
        this.plan = plan;
        this.layout = layout;
        this.container = container;
        this.reachableHost = reachableHost;
        this.fixedClientPort = fixedClientPort;
        this.fixedBusPort = fixedBusPort;
    }

    @Override
    public NodePlan plan() {
        return plan;
    }

    @Override
    public NodeLayout layout() {
        return layout;
    }

    String name() {
        return plan.name();
    }

    @Override
    public NodeAddress reachable() {
        NodeAddress known = reachable;
        if (known == null) {
            known = new NodeAddress(reachableHost, fixedClientPort.isPresent() ? fixedClientPort.getAsInt()
                    : publishedPort(layout.port()));
            reachable = known;
        }
        return known;
    }

    @Override
    public Optional<NodeAddress> reachableBus() {
        if (layout.busPort().isEmpty()) {
            return Optional.empty();
        }
        NodeAddress known = reachableBus;
        if (known == null) {
            known = new NodeAddress(reachableHost, fixedBusPort.isPresent() ? fixedBusPort.getAsInt()
                    : publishedPort(layout.busPort().getAsInt()));
            reachableBus = known;
        }
        return Optional.of(known);
    }

    /** Inside the network, by its alias. */
    @Override
    public NodeAddress peerAddress() {
        return new NodeAddress(plan.name(), layout.port());
    }

    private int publishedPort(int port) {
        String id = container.getContainerId();
        if (id == null) {
            throw new SentinelDrillException(name() + " has no container yet, so no published port for " + port);
        }
        Ports.Binding[] bindings = DockerClientFactory.instance().client().inspectContainerCmd(id).exec()
                .getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(port));
        if (bindings == null || bindings.length == 0) {
            throw new SentinelDrillException(name() + " publishes no port for " + port + ": " + exit().orElse(
                    "its container runs, but the engine reports no binding"));
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }

    /** Makes the next {@link #reachable()} read the published ports anew, as after a restart on a remote engine. */
    void forgetReachableAddresses() {
        if (fixedClientPort.isEmpty()) {
            reachable = null;
            reachableBus = null;
        }
    }

    GenericContainer<?> container() {
        return container;
    }

    void startFailed(String reason, boolean portTaken) {
        this.startFailure = reason;
        this.portTaken = portTaken;
    }

    void started() {
        this.startFailure = null;
        this.portTaken = false;
    }

    @Override
    public Optional<String> exit() {
        if (startFailure != null) {
            return Optional.of("could not be started: " + startFailure);
        }
        String id = container.getContainerId();
        if (id == null) {
            return Optional.empty();
        }
        try {
            InspectContainerResponse.ContainerState state = DockerClientFactory.instance().client()
                    .inspectContainerCmd(id).exec().getState();
            if (Boolean.TRUE.equals(state.getRunning())) {
                return Optional.empty();
            }
            String error = state.getError();
            return Optional.of("exited (its container stopped with exit code " + state.getExitCodeLong()
                    + (error == null || error.isBlank() ? "" : ", the engine says: " + error) + ")");
        } catch (NotFoundException gone) {
            return Optional.of("exited (its container is gone)");
        }
    }

    @Override
    public boolean portTaken() {
        return portTaken;
    }

    boolean isRunning() {
        return container.getContainerId() != null && exit().isEmpty();
    }

    @Override
    public String logTail(int lines) {
        if (container.getContainerId() == null) {
            return "(not started" + (startFailure == null ? "" : ": " + startFailure) + ")";
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
        return name() + " (container " + container.getContainerId() + ")";
    }
}
