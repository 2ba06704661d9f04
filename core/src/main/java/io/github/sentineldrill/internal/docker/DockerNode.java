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
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import org.testcontainers.DockerClientFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One node of the DOCKER backend: a container in the topology's network, reached from the test JVM through its
 * published ports. On a local engine those are fixed loopback ports chosen before the container is created, so a
 * restarted container keeps them; on a remote engine the engine picks them, and they are read again after a restart.
 */
final class DockerNode implements BackendNode {

    private static final long LOG_TIMEOUT_SECONDS = 5;

    private final NodePlan plan;
    private final NodeLayout layout;
    /** The files to put into the container when it is created, by path inside the container. */
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private volatile String containerId;
    private final String reachableHost;
    private final OptionalInt fixedClientPort;
    private final OptionalInt fixedBusPort;
    private volatile NodeAddress reachable;
    private volatile NodeAddress reachableBus;
    /** The engine's reason when the container could not be started: why it is gone before it ran. */
    private volatile String startFailure;
    private volatile boolean portTaken;

    DockerNode(NodePlan plan, NodeLayout layout, String reachableHost, OptionalInt fixedClientPort,
               OptionalInt fixedBusPort) {
        this.plan = plan;
        this.layout = layout;
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
        String id = containerId;
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

    /** The loopback port its client port is published on, chosen before the container exists (a local engine). */
    OptionalInt fixedClientPort() {
        return fixedClientPort;
    }

    /** The same for its cluster bus port. */
    OptionalInt fixedBusPort() {
        return fixedBusPort;
    }

    /** Its container's id; null until the container is created. */
    String containerId() {
        return containerId;
    }

    void created(String id) {
        this.containerId = id;
    }

    /** Keeps a file to put into the container as it is created. */
    synchronized void stage(String path, byte[] content) {
        files.put(path, content);
    }

    /** The staged files, by path inside the container, and forgets them. */
    synchronized Map<String, byte[]> takeStaged() {
        Map<String, byte[]> staged = new LinkedHashMap<>(files);
        files.clear();
        return staged;
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
        String id = containerId;
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
        return containerId != null && exit().isEmpty();
    }

    @Override
    public String logTail(int lines) {
        String id = containerId;
        if (id == null) {
            return "(not started" + (startFailure == null ? "" : ": " + startFailure) + ")";
        }
        StringBuilder log = new StringBuilder();
        try (ResultCallback.Adapter<Frame> callback = DockerClientFactory.instance().client().logContainerCmd(id)
                .withStdOut(true).withStdErr(true).withTail(lines)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        synchronized (log) {
                            log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }
                })) {
            if (!callback.awaitCompletion(LOG_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return "(no logs: the engine did not send them within " + LOG_TIMEOUT_SECONDS + " s)";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no logs: interrupted)";
        } catch (java.io.IOException | RuntimeException e) {
            return "(no logs: " + e.getMessage() + ")";
        }
        String[] all;
        synchronized (log) {
            all = log.toString().split("\r?\n");
        }
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    @Override
    public String toString() {
        return name() + " (container " + containerId + ")";
    }
}
