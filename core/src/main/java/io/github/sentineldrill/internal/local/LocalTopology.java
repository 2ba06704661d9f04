package io.github.sentineldrill.internal.local;

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
import io.github.sentineldrill.internal.TopologyStartup;
import io.github.sentineldrill.internal.Watchdog;
import io.github.sentineldrill.internal.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The LOCAL backend: {@code redis-server} processes bound to 127.0.0.1 on free ports, in a directory of their own.
 *
 * <p>How a start goes is told at {@link #launch}. Ports are chosen by the kernel; if one is taken by someone else
 * between choosing and binding, the whole start is retried with new ports. Processes are started by
 * {@link NodeLauncher} and, should this JVM die without closing the topology, removed by the {@link Watchdog}.
 */
public final class LocalTopology implements Topology {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTopology.class);
    private static final int LOG_TAIL_LINES = 15;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DIR_VARIABLE = "SENTINEL_DRILL_TOPOLOGY_DIR";
    /**
     * The watchdog's cleanup: SIGKILL every process whose command line names the topology directory (nodes run with
     * {@code set-proc-title no}, so their command line holds their config path), then remove the directory.
     */
    private static final String KILL_NODES_AND_REMOVE_DIR = String.join("\n",
            "ps -eo pid=,args= | awk 'index($0, ENVIRON[\"" + DIR_VARIABLE + "\"] \"/\") { print $1 }' \\",
            "  | while read -r pid; do kill -9 \"$pid\" 2>/dev/null; done",
            "rm -rf \"$" + DIR_VARIABLE + "\"");

    private final ClusterSpec spec;
    private final RedisBinary binary;
    private final Path dir;
    private final List<LocalNode> dataNodes;
    private final List<LocalNode> sentinels;
    private final Watchdog watchdog;
    private final NodeRelays relays;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StartupStyle style;

    private LocalTopology(ClusterSpec spec, RedisBinary binary, Path dir, List<Integer> ports, StartupStyle style)
            throws IOException {
        this.spec = spec;
        this.style = style;
        this.binary = binary;
        this.dir = dir;
        this.dataNodes = new ArrayList<>();
        this.sentinels = new ArrayList<>();
        this.relays = NodeRelays.start(spec.masterName() + "-" + dir.getFileName());
        try {
            InetAddress loopback = InetAddress.getByName(LocalNode.LOOPBACK);
            for (int i = 0; i < spec.dataNodes(); i++) {
                String name = "redis-" + i;
                InetSocketAddress node = new InetSocketAddress(loopback, ports.get(i));
                Relay relay = relays.open(name, loopback, () -> node);
                LocalNode dataNode = new LocalNode(name, false, ports.get(i),
                        new NodeAddress(LocalNode.LOOPBACK, relay.address().getPort()), dir);
                dataNodes.add(dataNode);
                relays.assign(dataNode, relay);
            }
            for (int i = 0; i < spec.sentinels(); i++) {
                int port = ports.get(spec.dataNodes() + i);
                sentinels.add(new LocalNode("sentinel-" + i, true, port, new NodeAddress(LocalNode.LOOPBACK, port),
                        dir));
            }
            this.watchdog = Watchdog.start(KILL_NODES_AND_REMOVE_DIR,
                    Map.of(DIR_VARIABLE, dir.toAbsolutePath().toString()));
        } catch (IOException | RuntimeException e) {
            relays.close();
            throw e;
        }
    }

    /**
     * Starts a topology and returns once it is healthy.
     *
     * @throws ClusterStartException when it cannot be started; nothing of it is left running
     */
    public static LocalTopology start(ClusterSpec spec) {
        return start(spec, LoopbackPorts.FREE);
    }

    /** {@link #start(ClusterSpec)} with the ports {@code ports} hands out. */
    static LocalTopology start(ClusterSpec spec, LoopbackPorts ports) {
        return start(spec, ports, StartupStyle.DRILL);
    }

    /** {@link #start(ClusterSpec)} configured and started as {@code style} says: for benchmarks. */
    public static LocalTopology start(ClusterSpec spec, StartupStyle style) {
        return start(spec, LoopbackPorts.FREE, style);
    }

    private static LocalTopology start(ClusterSpec spec, LoopbackPorts ports, StartupStyle style) {
        long t0 = System.nanoTime();
        RedisBinary binary = RedisBinaryLocator.locate(spec);
        TopologyDirectory.sweepLeftovers();
        LOG.debug("binary located and leftovers swept in {} us", (System.nanoTime() - t0) / 1000);
        long deadline = System.nanoTime() + spec.startTimeout().toNanos();
        return LoopbackPorts.startWithFreshPorts(spec.masterName(), () -> {
            LocalTopology topology = create(spec, binary, ports, style);
            try {
                topology.launch(deadline);
                return topology;
            } catch (RuntimeException | Error e) {
                topology.close();
                throw e;
            }
        });
    }

    private static LocalTopology create(ClusterSpec spec, RedisBinary binary, LoopbackPorts ports,
                                        StartupStyle style) {
        Path dir = null;
        try {
            dir = TopologyDirectory.create();
            return new LocalTopology(spec, binary, dir, ports.take(spec.dataNodes() + spec.sentinels()), style);
        } catch (IOException e) {
            if (dir != null) {
                TopologyDirectory.deleteRecursively(dir);
            }
            throw new ClusterStartException("Could not prepare a LOCAL topology: " + e.getMessage(), e);
        }
    }

    /** Writes the configs and starts the nodes as {@link TopologyStartup} says; logs the time it took. */
    private void launch(long deadline) {
        long begin = System.nanoTime();
        writeConfigs();
        try {
            new TopologyStartup(spec, this, style, new TopologyStartup.Nodes() {
                @Override
                public void start(List<NodeHandle> nodes) {
                    startAll(nodes.stream().map(LocalNode.class::cast).toList());
                }

                @Override
                public void checkStarting(NodeHandle node) {
                    failIfGone((LocalNode) node, true);
                }
            }).run(deadline);
        } catch (ClusterNotHealthyException e) {
            throw new ClusterStartException(e.getMessage() + "\n" + logTails(), e);
        }
        LOG.info("Topology '{}' ready in {} ms: 1 master, {} replicas, {} sentinels; {}; dir {}",
                spec.masterName(), (System.nanoTime() - begin) / 1_000_000, spec.replicas(), spec.sentinels(),
                description(), dir);
    }

    private void writeConfigs() {
        NodeAddress master = dataNodes.get(0).address();
        List<NodeAddress> replicas = dataNodes.stream().skip(1).map(LocalNode::address).toList();
        List<SentinelIdentity> identities = sentinels.stream()
                .map(s -> new SentinelIdentity(randomId(), s.address()))
                .toList();
        try {
            for (LocalNode node : dataNodes) {
                writeDataNodeConfig(node, node == dataNodes.get(0) ? Optional.empty() : Optional.of(master));
            }
            for (int i = 0; i < sentinels.size(); i++) {
                LocalNode node = sentinels.get(i);
                SentinelIdentity self = identities.get(i);
                List<SentinelIdentity> others = identities.stream().filter(id -> id != self).toList();
                node.writeConfig(ConfigRenderer.sentinel(spec, LocalNode.LOOPBACK, node.reachableAddress().port(),
                        node.dir().toString(), self, master, replicas, others, style));
            }
        } catch (IOException e) {
            throw new ClusterStartException("Could not write node configs in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void writeDataNodeConfig(LocalNode node, Optional<NodeAddress> replicaOf) throws IOException {
        node.writeConfig(ConfigRenderer.dataNode(spec, LocalNode.LOOPBACK, node.reachableAddress().port(),
                node.dir().toString(), node.address(), replicaOf, style));
    }

    private void startAll(List<LocalNode> nodes) {
        try {
            List<Long> pids = NodeLauncher.launch(binary, nodes);
            for (int i = 0; i < nodes.size(); i++) {
                nodes.get(i).started(pids.get(i));
            }
        } catch (IOException e) {
            throw new ClusterStartException("Could not start " + TopologyStartup.names(nodes) + " with " + binary + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Throws if {@code node} was started and is gone: a {@link PortTakenException} if it could not bind its port (the
     * start is retried), else a {@link ClusterStartException} while {@code starting}, a {@link SentinelDrillException}
     * afterwards, each with the tail of its log.
     */
    private static void failIfGone(LocalNode node, boolean starting) {
        if (node.failedToBindPort()) {
            throw new PortTakenException(node.name() + " could not bind port " + node.reachableAddress().port());
        }
        if (node.hasExited()) {
            String message = node.name() + " " + node.exitDescription() + (starting ? " while starting" : " unexpectedly")
                    + "; last lines of its log:\n" + node.logTail(LOG_TAIL_LINES);
            throw starting ? new ClusterStartException(message) : new SentinelDrillException(message);
        }
    }

    @Override
    public void checkProcesses() {
        allNodes().filter(node -> node.state() == NodeState.RUNNING).forEach(node -> failIfGone(node, false));
    }

    @Override
    public NodeRelays relays() {
        return relays;
    }

    @Override
    public void kill(NodeHandle node) {
        ((LocalNode) node).kill();
    }

    @Override
    public void stop(NodeHandle node, Duration timeout) {
        ((LocalNode) node).terminate(timeout);
    }

    @Override
    public void freeze(NodeHandle node) {
        ((LocalNode) node).signal("STOP");
    }

    @Override
    public void thaw(NodeHandle node) {
        ((LocalNode) node).signal("CONT");
    }

    @Override
    public void restart(NodeHandle node, Optional<NodeAddress> replicaOf) {
        LocalNode local = (LocalNode) node;
        try {
            if (!local.isSentinel()) {
                writeDataNodeConfig(local, replicaOf);
            }
        } catch (IOException e) {
            throw new SentinelDrillException("Could not write the config of " + node.name() + ": " + e.getMessage(), e);
        }
        startAll(List.of(local));
    }

    @Override
    public Backend backend() {
        return Backend.LOCAL;
    }

    @Override
    public String description() {
        return "LOCAL, " + binary;
    }

    @Override
    public List<NodeHandle> dataNodes() {
        return List.copyOf(dataNodes);
    }

    @Override
    public List<NodeHandle> sentinels() {
        return List.copyOf(sentinels);
    }

    /** The name of the topology's directory. */
    @Override
    public String id() {
        return dir.getFileName().toString();
    }

    /** The topology's directory: configs and logs of every node. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<String> failures = new ArrayList<>();
        // Sentinels first, so none of them starts a failover while the data nodes go down.
        List<LocalNode> nodes = Stream.concat(sentinels.stream(), dataNodes.stream()).toList();
        nodes.forEach(LocalNode::sendKill);
        relays.close();
        for (LocalNode node : nodes) {
            try {
                node.awaitGone();
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        if (failures.isEmpty()) {
            TopologyDirectory.deleteRecursively(dir);
            watchdog.close();
        } else {
            // Leave the watchdog armed: it kills what is left when this JVM exits.
            LOG.warn("Topology '{}' not fully stopped: {}", spec.masterName(), failures);
        }
    }

    private Stream<LocalNode> allNodes() {
        return Stream.concat(dataNodes.stream(), sentinels.stream());
    }

    private String logTails() {
        return NodeIdentity.logTails(allNodes().toList(), LOG_TAIL_LINES);
    }

    private static String randomId() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A node could not bind its port: someone took it between choosing and binding. */
    @Override
    public String toString() {
        return "LocalTopology[" + spec.masterName() + ", " + dir + "]";
    }
}
