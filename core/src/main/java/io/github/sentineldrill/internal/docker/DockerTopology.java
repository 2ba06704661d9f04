package io.github.sentineldrill.internal.docker;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterNotHealthyException;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.ConfigRenderer;
import io.github.sentineldrill.internal.ConfigRenderer.SentinelIdentity;
import io.github.sentineldrill.internal.LoopbackPorts;
import io.github.sentineldrill.internal.NodeHandle;
import io.github.sentineldrill.internal.NodeIdentity;
import io.github.sentineldrill.internal.NodeState;
import io.github.sentineldrill.internal.PortTakenException;
import io.github.sentineldrill.internal.StartupStyle;
import io.github.sentineldrill.internal.relay.Relay;
import io.github.sentineldrill.internal.relay.NodeRelays;
import io.github.sentineldrill.internal.Topology;
import io.github.sentineldrill.internal.TopologyStartup;
import io.github.sentineldrill.internal.Watchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The DOCKER backend: one container per node, in a Docker network of the topology's own.
 *
 * <p>Inside the network, sentinels know each other by network alias ({@code sentinel-1:26379}) and resolve and
 * announce hostnames; every node reaches a data node through its relay in this JVM, listening on the network's gateway
 * (see {@link Topology}). The test JVM reaches each node through its published port, a fixed port on 127.0.0.1 when
 * the Docker host is this machine, so that a restarted node keeps it; {@link #addressMapper()} turns every address a
 * sentinel hands out into that one. Containers and the network carry labels naming the library, the
 * topology and the owning process, so leftovers can be found.
 */
public final class DockerTopology implements Topology {

    private static final Logger LOG = LoggerFactory.getLogger(DockerTopology.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String LABEL_PREFIX = "io.github.sentineldrill.";
    static final int DATA_PORT = 6379;
    static final int SENTINEL_PORT = 26379;
    private static final String CONFIG_DIR = "/data";
    private static final String DATA_NODE_CONFIG = "redis.conf";
    private static final String SENTINEL_CONFIG = "sentinel.conf";
    /** The name containers reach the Docker host by where the network's gateway is not on this machine. */
    private static final String HOST_ALIAS = "host.docker.internal";
    private static final int LOG_TAIL_LINES = 15;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private final ClusterSpec spec;
    private final String image;
    private final String id;
    private final Network network;
    private final List<DockerNode> dataNodes = new ArrayList<>();
    private final List<DockerNode> sentinels = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Watchdog watchdog;
    private final NodeRelays relays;
    private final StartupStyle style;

    private DockerTopology(ClusterSpec spec, String image, LoopbackPorts ports, StartupStyle style) {
        this.spec = spec;
        this.style = style;
        this.image = image;
        this.id = HexFormat.of().formatHex(randomBytes(6));
        this.watchdog = startWatchdog(id);
        Map<String, String> labels = labels();
        this.network = Network.builder()
                .createNetworkCmdModifier(cmd -> cmd.withName("sentinel-drill-" + id).withLabels(labels))
                .build();
        this.relays = NodeRelays.start(id);
        try {
            createNodes(labels, ports);
        } catch (RuntimeException | Error e) {
            relays.close();
            network.close();
            watchdog.close();
            throw e;
        }
    }

    private void createNodes(Map<String, String> labels, LoopbackPorts ports) {
        String reachableHost = reachableHost();
        Iterator<Integer> hostPorts = hostPorts(ports).iterator();
        RelayEndpoint relayEndpoint = relayEndpoint();
        List<SentinelIdentity> identities = new ArrayList<>();
        for (int i = 0; i < spec.sentinels(); i++) {
            identities.add(new SentinelIdentity(HexFormat.of().formatHex(randomBytes(20)),
                    new NodeAddress("sentinel-" + i, SENTINEL_PORT)));
        }
        List<NodeAddress> dataAddresses = new ArrayList<>();
        for (int i = 0; i < spec.dataNodes(); i++) {
            String name = "redis-" + i;
            DockerNode[] node = new DockerNode[1];
            Relay relay = relays.open(name, relayEndpoint.bind(), () -> {
                NodeAddress reachable = node[0].reachableAddress();
                return new InetSocketAddress(reachable.host(), reachable.port());
            });
            NodeAddress announced = new NodeAddress(relayEndpoint.announcedHost(), relay.address().getPort());
            dataAddresses.add(announced);
            node[0] = new DockerNode(name, false, announced, DATA_PORT,
                    container(name, DATA_PORT, false, labels, relayEndpoint, hostPorts), reachableHost);
            dataNodes.add(node[0]);
            relays.assign(node[0], relay);
        }
        NodeAddress master = dataAddresses.get(0);
        for (int i = 0; i < spec.dataNodes(); i++) {
            copyDataNodeConfig(dataNodes.get(i), i == 0 ? Optional.empty() : Optional.of(master));
        }
        List<NodeAddress> replicas = dataAddresses.subList(1, dataAddresses.size());
        for (int i = 0; i < spec.sentinels(); i++) {
            String name = "sentinel-" + i;
            SentinelIdentity self = identities.get(i);
            List<SentinelIdentity> others = identities.stream().filter(other -> other != self).toList();
            String config = ConfigRenderer.sentinel(spec, "0.0.0.0", SENTINEL_PORT, CONFIG_DIR, self, master,
                    replicas, others, style);
            GenericContainer<?> container = container(name, SENTINEL_PORT, true, labels, relayEndpoint, hostPorts)
                    .withCopyToContainer(configFile(config), CONFIG_DIR + "/" + SENTINEL_CONFIG);
            sentinels.add(new DockerNode(name, true, self.address(), SENTINEL_PORT, container, reachableHost));
        }
    }

    /**
     * The loopback ports containers publish on a local engine, fixed so that a restarted container keeps the address
     * clients know it by; none for a remote engine, which picks them.
     */
    private List<Integer> hostPorts(LoopbackPorts ports) {
        if (!isLocalDockerHost()) {
            return List.of();
        }
        try {
            return ports.take(spec.dataNodes() + spec.sentinels());
        } catch (IOException e) {
            throw new ClusterStartException("Could not find free ports on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** Where relays listen and what containers call that address. */
    private record RelayEndpoint(InetAddress bind, String announcedHost) {
    }

    /**
     * Relays listen on the gateway of the topology's network when that address belongs to this machine (a Linux
     * engine): containers reach it directly and nothing else does. Otherwise (Docker Desktop) they listen on loopback,
     * which containers reach as {@code host.docker.internal}.
     */
    private RelayEndpoint relayEndpoint() {
        String gateway = DockerClientFactory.instance().client().inspectNetworkCmd().withNetworkId(network.getId())
                .exec().getIpam().getConfig().stream()
                .map(config -> config.getGateway())
                .filter(address -> address != null && !address.isEmpty() && !address.contains(":"))
                .findFirst()
                .orElse(null);
        try {
            if (gateway != null) {
                InetAddress address = InetAddress.getByName(gateway);
                if (NetworkInterface.getByInetAddress(address) != null) {
                    return new RelayEndpoint(address, gateway);
                }
            }
            LOG.debug("The gateway {} of network sentinel-drill-{} is no address of this machine; relays listen on"
                    + " loopback and containers reach them as {}", gateway, id, HOST_ALIAS);
            return new RelayEndpoint(InetAddress.getByName("127.0.0.1"), HOST_ALIAS);
        } catch (IOException e) {
            throw new ClusterStartException("Could not find where relays of network sentinel-drill-" + id
                    + " can listen: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a topology and returns once it is healthy.
     *
     * @throws ClusterStartException when it cannot be started; nothing of it is left running
     */
    public static DockerTopology start(ClusterSpec spec) {
        return start(spec, LoopbackPorts.FREE);
    }

    /** {@link #start(ClusterSpec)} with the published ports {@code ports} hands out. */
    static DockerTopology start(ClusterSpec spec, LoopbackPorts ports) {
        return start(spec, ports, StartupStyle.DRILL);
    }

    /** {@link #start(ClusterSpec)} configured and started as {@code style} says: for benchmarks. */
    public static DockerTopology start(ClusterSpec spec, StartupStyle style) {
        return start(spec, LoopbackPorts.FREE, style);
    }

    private static DockerTopology start(ClusterSpec spec, LoopbackPorts ports, StartupStyle style) {
        long begin = System.nanoTime();
        DockerLeftovers.sweep();
        String image = DockerImages.ensureAvailable(spec, spec.startTimeout());
        return LoopbackPorts.startWithFreshPorts(spec.masterName(), () -> start(spec, image, ports, style, begin));
    }

    private static DockerTopology start(ClusterSpec spec, String image, LoopbackPorts ports, StartupStyle style,
                                        long begin) {
        DockerTopology topology = new DockerTopology(spec, image, ports, style);
        try {
            new TopologyStartup(spec, topology, style, new TopologyStartup.Nodes() {
                @Override
                public void start(List<NodeHandle> nodes) {
                    topology.startContainers(nodes);
                }

                @Override
                public void checkStarting(NodeHandle node) {
                    topology.failIfStopped((DockerNode) node, true);
                }
            }).run(begin + spec.startTimeout().toNanos());
        } catch (ClusterNotHealthyException e) {
            String logs = topology.logTails();
            topology.close();
            throw new ClusterStartException(e.getMessage() + "\n" + logs, e);
        } catch (RuntimeException | Error e) {
            topology.close();
            throw e;
        }
        LOG.info("Topology '{}' ready in {} ms: 1 master, {} replicas, {} sentinels; {}", spec.masterName(),
                (System.nanoTime() - begin) / 1_000_000, spec.replicas(), spec.sentinels(), topology.description());
        return topology;
    }

    /**
     * The watchdog's cleanup for a JVM that died: remove the topology's containers and network with the
     * {@code docker} CLI, which talks to the same engine through the inherited environment. Where there is no CLI,
     * the sweep at the next start does it.
     */
    private static Watchdog startWatchdog(String id) {
        String label = "label=" + LABEL_PREFIX + "topology=$SENTINEL_DRILL_TOPOLOGY";
        String cleanup = String.join("\n",
                "command -v docker >/dev/null 2>&1 || exit 0",
                "containers=$(docker ps -aq --filter \"" + label + "\")",
                "[ -n \"$containers\" ] && docker rm -f -v $containers >/dev/null 2>&1",
                "networks=$(docker network ls -q --filter \"" + label + "\")",
                "[ -n \"$networks\" ] && docker network rm $networks >/dev/null 2>&1",
                "exit 0");
        try {
            return Watchdog.start(cleanup, Map.of("SENTINEL_DRILL_TOPOLOGY", id));
        } catch (IOException e) {
            throw new ClusterStartException("Could not start the watchdog of a DOCKER topology: " + e.getMessage(), e);
        }
    }

    /** The id in the topology's labels and network name. */
    @Override
    public String id() {
        return id;
    }

    private GenericContainer<?> container(String name, int port, boolean sentinel, Map<String, String> labels,
                                          RelayEndpoint relayEndpoint, Iterator<Integer> hostPorts) {
        List<String> command = new ArrayList<>(List.of("redis-server",
                CONFIG_DIR + "/" + (sentinel ? SENTINEL_CONFIG : DATA_NODE_CONFIG)));
        if (sentinel) {
            command.add("--sentinel");
        }
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetwork(network)
                .withNetworkAliases(name)
                .withExposedPorts(port)
                .withLabels(withNode(labels, name))
                .withCommand(command.toArray(String[]::new))
                // Readiness is checked by PING through the published port, for every image alike.
                .waitingFor(new AbstractWaitStrategy() {
                    @Override
                    protected void waitUntilReady() {
                    }
                });
        if (relayEndpoint.announcedHost().equals(HOST_ALIAS)) {
            container.withExtraHost(HOST_ALIAS, "host-gateway");
        }
        if (hostPorts.hasNext()) {
            // A fixed loopback port: a restarted container keeps the address clients know it by.
            int hostPort = hostPorts.next();
            container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                    new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), ExposedPort.tcp(port))));
        }
        return container;
    }

    /** A config file every user can write: sentinels rewrite theirs, whatever user the image runs as. */
    private static Transferable configFile(String config) {
        return Transferable.of(config.getBytes(StandardCharsets.UTF_8), 0666);
    }

    /** Puts a data node's config into its container, created or stopped: the node reads it when it starts. */
    private void copyDataNodeConfig(DockerNode node, Optional<NodeAddress> replicaOf) {
        String config = ConfigRenderer.dataNode(spec, "0.0.0.0", DATA_PORT, CONFIG_DIR, node.address(), replicaOf,
                style);
        Transferable file = configFile(config);
        if (node.container().getContainerId() == null) {
            node.container().withCopyToContainer(file, CONFIG_DIR + "/" + DATA_NODE_CONFIG);
        } else {
            node.container().copyFileToContainer(file, CONFIG_DIR + "/" + DATA_NODE_CONFIG);
        }
    }

    private void startContainers(List<NodeHandle> nodes) {
        List<GenericContainer<?>> containers = nodes.stream().map(n -> ((DockerNode) n).container())
                .collect(Collectors.toList());
        try {
            Startables.deepStart(containers).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterStartException("Interrupted while starting " + TopologyStartup.names(nodes), e);
        } catch (ExecutionException e) {
            String taken = portTaken(e.getCause());
            if (taken != null) {
                throw new PortTakenException(TopologyStartup.names(nodes) + ": " + taken, e.getCause());
            }
            throw new ClusterStartException("Could not start " + TopologyStartup.names(nodes) + " from image "
                    + image + ": " + e.getCause().getMessage()
                    + " (set the image with the 'image' attribute, -D" + DockerImages.PROPERTY + " or "
                    + DockerImages.ENVIRONMENT + ")", e.getCause());
        }
    }

    /** The engine's message if it could not publish a port because something else holds it, else null. */
    private static String portTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("port is already allocated") || message.contains("address already in use")) {
                return message.strip();
            }
        }
        return null;
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_PREFIX + "topology", id);
        labels.put(LABEL_PREFIX + "master-name", spec.masterName());
        labels.put(LABEL_PREFIX + DockerLeftovers.OWNER_LABEL, DockerLeftovers.owner());
        return labels;
    }

    private static Map<String, String> withNode(Map<String, String> labels, String node) {
        Map<String, String> result = new LinkedHashMap<>(labels);
        result.put(LABEL_PREFIX + "node", node);
        return result;
    }

    /** Where the test JVM reaches published ports: 127.0.0.1 for a local engine, else Testcontainers' host. */
    private static String reachableHost() {
        return isLocalDockerHost() ? "127.0.0.1" : DockerClientFactory.instance().dockerHostIpAddress();
    }

    private static boolean isLocalDockerHost() {
        String host = DockerClientFactory.instance().dockerHostIpAddress();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    @Override
    public Backend backend() {
        return Backend.DOCKER;
    }

    @Override
    public String description() {
        return "DOCKER, image " + image + ", network sentinel-drill-" + id;
    }

    @Override
    public List<NodeHandle> dataNodes() {
        return List.copyOf(dataNodes);
    }

    @Override
    public List<NodeHandle> sentinels() {
        return List.copyOf(sentinels);
    }

    @Override
    public void checkProcesses() {
        allNodes().filter(node -> node.state() == NodeState.RUNNING).forEach(node -> failIfStopped(node, false));
    }

    @Override
    public NodeRelays relays() {
        return relays;
    }

    @Override
    public void kill(NodeHandle node) {
        DockerNode docker = (DockerNode) node;
        docker.signal("KILL");
        docker.awaitStopped("docker kill", KILL_TIMEOUT);
    }

    @Override
    public void stop(NodeHandle node, Duration timeout) {
        DockerNode docker = (DockerNode) node;
        docker.signal("TERM");
        docker.awaitStopped("SIGTERM", timeout);
    }

    @Override
    public void freeze(NodeHandle node) {
        DockerClientFactory.instance().client().pauseContainerCmd(((DockerNode) node).container().getContainerId())
                .exec();
    }

    @Override
    public void thaw(NodeHandle node) {
        DockerClientFactory.instance().client().unpauseContainerCmd(((DockerNode) node).container().getContainerId())
                .exec();
    }

    @Override
    public void restart(NodeHandle node, Optional<NodeAddress> replicaOf) {
        DockerNode docker = (DockerNode) node;
        if (!docker.isSentinel()) {
            copyDataNodeConfig(docker, replicaOf);
        }
        DockerClientFactory.instance().client().startContainerCmd(docker.container().getContainerId()).exec();
        docker.forgetReachableAddress();
    }

    /**
     * Throws if {@code node}'s container was started and has stopped: a {@link ClusterStartException} while
     * {@code starting}, a {@link SentinelDrillException} afterwards, each with the tail of its log.
     */
    private void failIfStopped(DockerNode node, boolean starting) {
        if (node.container().getContainerId() != null && !node.isRunning()) {
            String message = node.name() + " (container of " + image + ") stopped"
                    + (starting ? " while starting" : " unexpectedly") + "; last lines of its log:\n"
                    + node.logTail(LOG_TAIL_LINES);
            throw starting ? new ClusterStartException(message) : new SentinelDrillException(message);
        }
    }

    /** Removes every container (in parallel) and the network. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        relays.close();
        List<Thread> stoppers = new ArrayList<>();
        for (DockerNode node : allNodes().toList()) {
            Thread stopper = new Thread(() -> {
                try {
                    node.container().stop();
                } catch (RuntimeException e) {
                    LOG.warn("Could not remove the container of {}: {}", node.name(), e.toString());
                }
            }, "sentinel-drill-stop-" + node.name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            network.close();
            watchdog.close();
        } catch (RuntimeException e) {
            // Leave the watchdog armed: it removes what is left when this JVM exits.
            LOG.warn("Could not remove the network sentinel-drill-{}: {}", id, e.toString());
        }
    }

    private Stream<DockerNode> allNodes() {
        return Stream.concat(dataNodes.stream(), sentinels.stream());
    }

    private String logTails() {
        return NodeIdentity.logTails(allNodes().toList(), LOG_TAIL_LINES);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "DockerTopology[" + spec.masterName() + ", " + id + "]";
    }
}
