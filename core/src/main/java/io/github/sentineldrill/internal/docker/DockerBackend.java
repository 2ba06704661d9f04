package io.github.sentineldrill.internal.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.LoopbackPorts;
import io.github.sentineldrill.internal.PortTakenException;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.node.NodeRole;
import io.github.sentineldrill.internal.runtime.BackendNode;
import io.github.sentineldrill.internal.runtime.NodeBackend;
import io.github.sentineldrill.internal.runtime.NodeLayout;
import io.github.sentineldrill.internal.runtime.NodePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import org.testcontainers.DockerClientFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The DOCKER backend: one container per node, in a Docker network of the topology's own.
 *
 * <p>Relays in this JVM listen on the network's gateway when that address belongs to this machine (a Linux engine):
 * containers reach it directly and nothing else does. Otherwise (Docker Desktop) they listen on loopback, which
 * containers reach as {@code host.docker.internal}. The test JVM reaches each node through its published ports, fixed
 * loopback ports when the engine runs on this machine. Containers and the network carry labels naming the library,
 * the topology and the owning process, so that leftovers can be found.
 *
 * <p>Testcontainers finds the engine and gives the client; the containers and the network are made with the engine's
 * API directly, all of a topology's containers at once (each created, given its files in one archive, started), without
 * Testcontainers' per-container image checks, copies, startup checks and waits. Whether a node is up is decided by
 * PING through its published port, and a container that exits (a config line Redis rejects) is reported at once with
 * its exit code and log, while it still exists.
 */
public final class DockerBackend implements NodeBackend {

    private static final Logger LOG = LoggerFactory.getLogger(DockerBackend.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String LABEL_PREFIX = "io.github.sentineldrill.";
    static final int DATA_PORT = 6379;
    static final int SENTINEL_PORT = 26379;
    private static final int BUS_PORT = DATA_PORT + 10_000;
    private static final String CONFIG_DIR = "/data";
    /** The name containers reach the Docker host by where the network's gateway is not on this machine. */
    private static final String HOST_ALIAS = "host.docker.internal";
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private final String image;
    private final String id;
    private final String topologyName;
    private final String networkName;
    private final String networkId;
    private final Map<String, String> labels;
    private final boolean localEngine;
    private final String reachableHost;
    private final InetAddress relayBind;
    private final String relayHost;
    private final List<DockerNode> nodes = new ArrayList<>();

    private DockerBackend(String image, String topologyName) {
        this.image = image;
        this.topologyName = topologyName;
        this.id = HexFormat.of().formatHex(randomBytes(6));
        this.labels = labels(id, topologyName);
        this.localEngine = isLocalDockerHost();
        this.reachableHost = localEngine ? "127.0.0.1" : DockerClientFactory.instance().dockerHostIpAddress();
        this.networkName = "sentinel-drill-" + id;
        this.networkId = DockerClientFactory.instance().client().createNetworkCmd().withName(networkName)
                .withLabels(labels).exec().getId();
        try {
            String gateway = gateway(networkId);
            InetAddress gatewayAddress = gateway == null ? null : InetAddress.getByName(gateway);
            if (gatewayAddress != null && NetworkInterface.getByInetAddress(gatewayAddress) != null) {
                relayBind = gatewayAddress;
                relayHost = gateway;
            } else {
                LOG.debug("The gateway {} of network sentinel-drill-{} is no address of this machine; relays listen"
                        + " on loopback and containers reach them as {}", gateway, id, HOST_ALIAS);
                relayBind = InetAddress.getByName("127.0.0.1");
                relayHost = HOST_ALIAS;
            }
        } catch (IOException | RuntimeException e) {
            removeNetwork();
            throw new ClusterStartException("Could not find where the relays of network sentinel-drill-" + id
                    + " can listen: " + e.getMessage(), e);
        }
    }

    /** Sweeps leftovers of dead JVMs, then makes sure the image is on the engine (see {@link DockerImages}). */
    public static Factory factory(String requestedImage, Duration imageTimeout) {
        DockerLeftovers.sweep();
        String image = DockerImages.ensureAvailable(requestedImage, imageTimeout);
        return new Factory() {
            @Override
            public Backend kind() {
                return Backend.DOCKER;
            }

            @Override
            public NodeBackend open(String name) {
                return new DockerBackend(image, name);
            }
        };
    }

    private static String gateway(String networkId) {
        return DockerClientFactory.instance().client().inspectNetworkCmd().withNetworkId(networkId)
                .exec().getIpam().getConfig().stream()
                .map(config -> config.getGateway())
                .filter(address -> address != null && !address.isEmpty() && !address.contains(":"))
                .findFirst()
                .orElse(null);
    }

    /** Whether published ports are reachable on this machine's loopback: the engine's host is this machine. */
    static boolean isLocalDockerHost() {
        String host = DockerClientFactory.instance().dockerHostIpAddress();
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("::1")) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(InetAddress.getByName(host)) != null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Backend kind() {
        return Backend.DOCKER;
    }

    /** The id in the topology's labels and network name. */
    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "DOCKER, image " + image + ", network sentinel-drill-" + id;
    }

    @Override
    public String redisVersion() {
        return "";
    }

    @Override
    public InetAddress relayBind() {
        return relayBind;
    }

    @Override
    public String relayHost() {
        return relayHost;
    }

    @Override
    public List<BackendNode> prepare(List<NodePlan> plans, LoopbackPorts ports) {
        int published = plans.stream().mapToInt(p -> p.role().hasBusPort() ? 2 : 1).sum();
        Iterator<Integer> hostPorts;
        try {
            hostPorts = localEngine ? ports.take(published).iterator() : List.<Integer>of().iterator();
        } catch (IOException e) {
            throw new ClusterStartException("Could not find free ports on 127.0.0.1: " + e.getMessage(), e);
        }
        List<BackendNode> prepared = new ArrayList<>();
        for (NodePlan plan : plans) {
            int port = plan.role() == NodeRole.SENTINEL ? SENTINEL_PORT : DATA_PORT;
            OptionalInt bus = plan.role().hasBusPort() ? OptionalInt.of(BUS_PORT) : OptionalInt.empty();
            OptionalInt hostPort = hostPorts.hasNext() ? OptionalInt.of(hostPorts.next()) : OptionalInt.empty();
            OptionalInt hostBusPort = bus.isPresent() && hostPorts.hasNext() ? OptionalInt.of(hostPorts.next())
                    : OptionalInt.empty();
            NodeLayout layout = new NodeLayout("0.0.0.0", port, bus, CONFIG_DIR);
            DockerNode node = new DockerNode(plan, layout, reachableHost, hostPort, hostBusPort);
            nodes.add(node);
            prepared.add(node);
        }
        return prepared;
    }

    /** Creates {@code node}'s container in the topology's network; returns its id. */
    private String create(DockerNode node) {
        NodePlan plan = node.plan();
        NodeLayout layout = node.layout();
        List<String> command = new ArrayList<>(List.of("redis-server", configPath(plan)));
        if (plan.role() == NodeRole.SENTINEL) {
            command.add("--sentinel");
        }
        Map<String, String> nodeLabels = new LinkedHashMap<>(labels);
        nodeLabels.put(LABEL_PREFIX + "node", plan.name());
        String bindIp = localEngine ? "127.0.0.1" : null;
        List<ExposedPort> exposed = new ArrayList<>(List.of(ExposedPort.tcp(layout.port())));
        List<PortBinding> bindings = new ArrayList<>(List.of(binding(bindIp, node.fixedClientPort(), layout.port())));
        layout.busPort().ifPresent(bus -> {
            exposed.add(ExposedPort.tcp(bus));
            bindings.add(binding(bindIp, node.fixedBusPort(), bus));
        });
        HostConfig host = HostConfig.newHostConfig().withNetworkMode(networkName).withPortBindings(bindings);
        if (relayHost.equals(HOST_ALIAS)) {
            host.withExtraHosts(HOST_ALIAS + ":host-gateway");
        }
        CreateContainerCmd create = DockerClientFactory.instance().client().createContainerCmd(image)
                .withName(networkName + "-" + plan.name())
                .withLabels(nodeLabels)
                .withCmd(command)
                .withExposedPorts(exposed)
                .withHostConfig(host)
                .withAliases(plan.name());
        return create.exec().getId();
    }

    /** A published port: the fixed loopback one on a local engine, one the engine picks otherwise. */
    private static PortBinding binding(String bindIp, OptionalInt hostPort, int port) {
        Ports.Binding binding = hostPort.isPresent() ? Ports.Binding.bindIpAndPort(bindIp, hostPort.getAsInt())
                : Ports.Binding.empty();
        return new PortBinding(binding, ExposedPort.tcp(port));
    }

    private static String configPath(NodePlan plan) {
        return CONFIG_DIR + "/" + (plan.role() == NodeRole.SENTINEL ? "sentinel.conf" : "redis.conf");
    }

    /** Puts a node's config into its container, created or stopped: it reads it when it starts. */
    @Override
    public void writeConfig(BackendNode node, String config) {
        DockerNode docker = docker(node);
        put(docker, configPath(docker.plan()), config);
    }

    @Override
    public void writeFile(BackendNode node, String fileName, String content) {
        put(docker(node), CONFIG_DIR + "/" + fileName, content);
    }

    /** Into the container if it exists, else kept for its creation (see {@link #copy}). */
    private static void put(DockerNode node, String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (node.containerId() == null) {
            node.stage(path, bytes);
        } else {
            copy(node.containerId(), Map.of(path, bytes));
        }
    }

    /**
     * Copies files into a container, in one archive extracted at {@code /}. Every user may write them: sentinels and
     * cluster nodes rewrite theirs, whatever user the image runs as.
     */
    private static void copy(String containerId, Map<String, byte[]> files) {
        Map<String, byte[]> relative = new LinkedHashMap<>();
        files.forEach((path, content) -> relative.put(path.substring(1), content));
        DockerClientFactory.instance().client().copyArchiveToContainerCmd(containerId)
                .withRemotePath("/")
                .withTarInputStream(new ByteArrayInputStream(TarArchive.of(relative, 0666)))
                .exec();
    }

    /** Starts again the containers made before, one by one; creates and starts the others, all at once. */
    @Override
    public void start(List<BackendNode> starting) {
        List<DockerNode> first = new ArrayList<>();
        for (BackendNode node : starting) {
            DockerNode docker = docker(node);
            if (docker.containerId() == null) {
                first.add(docker);
            } else {
                restart(docker);
            }
        }
        if (first.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (DockerNode node : first) {
            starts.add(CompletableFuture.runAsync(() -> createAndStart(node), command -> {
                Thread thread = new Thread(command, "sentinel-drill-start-" + node.name());
                thread.setDaemon(true);
                thread.start();
            }));
        }
        Throwable failure = null;
        for (CompletableFuture<Void> start : starts) {
            try {
                start.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterStartException("Interrupted while starting the containers of '" + topologyName
                        + "'", e);
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        if (failure == null) {
            return;
        }
        String reason = DockerImages.engineMessage(rootCause(failure));
        boolean taken = portTaken(failure);
        if (taken) {
            throw new PortTakenException("a published port of '" + topologyName + "' was taken: " + reason, failure);
        }
        throw new ClusterStartException("Could not start the containers of '" + topologyName + "' from image "
                + image + ": " + reason, failure);
    }

    /** Creates the container, copies its staged files in (one archive), starts it; a node that fails says why. */
    private void createAndStart(DockerNode node) {
        try {
            String containerId = create(node);
            node.created(containerId);
            Map<String, byte[]> files = node.takeStaged();
            if (!files.isEmpty()) {
                copy(containerId, files);
            }
            DockerClientFactory.instance().client().startContainerCmd(containerId).exec();
            node.started();
        } catch (RuntimeException e) {
            node.startFailed(DockerImages.engineMessage(rootCause(e)), portTaken(e));
            throw new CompletionException(e);
        }
    }

    private void restart(DockerNode node) {
        try {
            DockerClientFactory.instance().client().startContainerCmd(node.containerId()).exec();
            node.started();
            node.forgetReachableAddresses();
        } catch (RuntimeException e) {
            throw new SentinelDrillException("Could not start the container of " + node.name() + " again: "
                    + DockerImages.engineMessage(e), e);
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Whether the engine could not publish a port because something else holds it. */
    private static boolean portTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("port is already allocated") || message.contains("address already in use")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void kill(BackendNode node) {
        signal(docker(node), "KILL", "docker kill", KILL_TIMEOUT);
    }

    @Override
    public void stop(BackendNode node, Duration timeout) {
        signal(docker(node), "TERM", "SIGTERM", timeout);
    }

    private static void signal(DockerNode node, String signal, String what, Duration timeout) {
        DockerClientFactory.instance().client().killContainerCmd(node.containerId()).withSignal(signal)
                .exec();
        Waits.until(node.name() + " stopped after " + what, timeout,
                () -> node.isRunning() ? List.of(node.name() + "'s container is still running") : List.of());
    }

    @Override
    public void freeze(BackendNode node) {
        DockerClientFactory.instance().client().pauseContainerCmd(docker(node).containerId()).exec();
    }

    @Override
    public void thaw(BackendNode node) {
        DockerClientFactory.instance().client().unpauseContainerCmd(docker(node).containerId()).exec();
    }

    /**
     * For a JVM that died: remove the topology's containers and network with the {@code docker} CLI, which talks to
     * the same engine through the inherited environment. Where there is no CLI, the sweep at the next start does it.
     */
    @Override
    public Map.Entry<String, Map<String, String>> watchdogCleanup() {
        String label = "label=" + LABEL_PREFIX + "topology=$SENTINEL_DRILL_TOPOLOGY";
        String cleanup = String.join("\n",
                "command -v docker >/dev/null 2>&1 || exit 0",
                "containers=$(docker ps -aq --filter \"" + label + "\")",
                "[ -n \"$containers\" ] && docker rm -f -v $containers >/dev/null 2>&1",
                "networks=$(docker network ls -q --filter \"" + label + "\")",
                "[ -n \"$networks\" ] && docker network rm $networks >/dev/null 2>&1",
                "exit 0");
        return Map.entry(cleanup, Map.of("SENTINEL_DRILL_TOPOLOGY", id));
    }

    /**
     * Removes every container (in parallel) and the network, within {@code timeout}: a hung engine does not hang the
     * caller, and what is left is reported so that the watchdog stays armed.
     */
    @Override
    public boolean close(Duration timeout) {
        DockerClient client = DockerClientFactory.instance().client();
        List<Thread> removers = new ArrayList<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (DockerNode node : nodes) {
            String containerId = node.containerId();
            if (containerId == null) {
                continue;
            }
            Thread remover = new Thread(() -> {
                try {
                    client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
                } catch (com.github.dockerjava.api.exception.NotFoundException alreadyGone) {
                    // Removed already.
                } catch (RuntimeException e) {
                    failures.add(node.name() + ": " + DockerImages.engineMessage(e));
                }
            }, "sentinel-drill-remove-" + node.name());
            remover.setDaemon(true);
            remover.start();
            removers.add(remover);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread remover : removers) {
            try {
                remover.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (remover.isAlive()) {
                failures.add(remover.getName() + " did not finish within " + timeout.toSeconds() + " s");
            }
        }
        if (!failures.isEmpty()) {
            LOG.warn("Could not remove every container of DOCKER topology {}: {}", id, failures);
            return false;
        }
        return removeNetwork();
    }

    private boolean removeNetwork() {
        try {
            DockerClientFactory.instance().client().removeNetworkCmd(networkId).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException alreadyGone) {
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the network {}: {}", networkName, e.toString());
            return false;
        }
    }

    private static Map<String, String> labels(String id, String topologyName) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_PREFIX + "topology", id);
        labels.put(LABEL_PREFIX + "name", topologyName);
        labels.put(LABEL_PREFIX + DockerLeftovers.OWNER_LABEL, DockerLeftovers.owner());
        return labels;
    }

    private static DockerNode docker(BackendNode node) {
        return (DockerNode) node;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "DockerBackend[" + topologyName + ", " + id + "]";
    }
}
