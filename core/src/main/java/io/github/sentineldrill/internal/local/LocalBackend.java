package io.github.sentineldrill.internal.local;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.LoopbackPorts;
import io.github.sentineldrill.internal.runtime.BackendNode;
import io.github.sentineldrill.internal.runtime.NodeBackend;
import io.github.sentineldrill.internal.runtime.NodePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The LOCAL backend: {@code redis-server} processes bound to 127.0.0.1 on free ports, each in a directory of its own
 * under the topology's directory. Processes are started by {@link NodeLauncher}; should the JVM die without closing
 * the topology, its watchdog kills every process whose command line names the topology's directory (nodes run with
 * {@code set-proc-title no}, so their command line holds their config path) and removes the directory.
 *
 * <p>A cluster node's bus port: Redis 7 takes it from {@code cluster-port}, so any free port does; Redis 6.2 always
 * listens on the client port + 10000, so both must be free, and both are chosen below the kernel's range for outgoing
 * connections (32768 and up on Linux), where no client socket can take the bus port before the node binds it.
 */
public final class LocalBackend implements NodeBackend {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBackend.class);
    private static final String DIR_VARIABLE = "SENTINEL_DRILL_TOPOLOGY_DIR";
    private static final String KILL_NODES_AND_REMOVE_DIR = String.join("\n",
            "ps -eo pid=,args= | awk 'index($0, ENVIRON[\"" + DIR_VARIABLE + "\"] \"/\") { print $1 }' \\",
            "  | while read -r pid; do kill -9 \"$pid\" 2>/dev/null; done",
            "rm -rf \"$" + DIR_VARIABLE + "\"");
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    /** Bus ports of Redis before 7 are the client port + 10000; both stay below the ephemeral range. */
    private static final int BUS_OFFSET = 10_000;
    private static final int LOW_PORTS_FROM = 10_000;
    private static final int LOW_PORTS_TO = 32_767 - BUS_OFFSET;

    private final RedisBinary binary;
    private final Path dir;
    private final List<LocalNode> nodes = new ArrayList<>();

    private LocalBackend(RedisBinary binary, Path dir) {
        this.binary = binary;
        this.dir = dir;
    }

    /** Finds the binary once (see {@link RedisBinaryLocator}) and sweeps leftovers of dead JVMs. */
    public static Factory factory(String redisBinary) {
        RedisBinary binary = RedisBinaryLocator.locate(redisBinary);
        TopologyDirectory.sweepLeftovers();
        return new Factory() {
            @Override
            public Backend kind() {
                return Backend.LOCAL;
            }

            @Override
            public NodeBackend open(String name) {
                try {
                    return new LocalBackend(binary, TopologyDirectory.create());
                } catch (IOException e) {
                    throw new ClusterStartException("Could not create a directory for topology '" + name
                            + "' under " + TopologyDirectory.base() + ": " + e.getMessage(), e);
                }
            }
        };
    }

    @Override
    public Backend kind() {
        return Backend.LOCAL;
    }

    /** The name of the topology's directory. */
    @Override
    public String id() {
        return dir.getFileName().toString();
    }

    @Override
    public String description() {
        return "LOCAL, " + binary + ", dir " + dir;
    }

    @Override
    public String redisVersion() {
        return binary.version();
    }

    @Override
    public InetAddress relayBind() {
        try {
            return InetAddress.getByName(LocalNode.LOOPBACK);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("127.0.0.1 is no address", e);
        }
    }

    @Override
    public String relayHost() {
        return LocalNode.LOOPBACK;
    }

    @Override
    public List<BackendNode> prepare(List<NodePlan> plans, LoopbackPorts ports) {
        long clusterNodes = plans.stream().filter(p -> p.role().hasBusPort()).count();
        boolean fixedBusOffset = clusterNodes > 0 && binary.majorVersion() < 7;
        List<Integer> clientPorts;
        List<Integer> busPorts;
        try {
            List<Integer> free = ports.take(plans.size() + (fixedBusOffset ? 0 : (int) clusterNodes));
            clientPorts = new ArrayList<>(free.subList(0, plans.size()));
            busPorts = new ArrayList<>(free.subList(plans.size(), free.size()));
            if (fixedBusOffset) {
                List<Integer> low = lowPortsWithBusPartners((int) clusterNodes);
                int next = 0;
                for (int i = 0; i < plans.size(); i++) {
                    if (plans.get(i).role().hasBusPort()) {
                        clientPorts.set(i, low.get(next++));
                    }
                }
            }
        } catch (IOException e) {
            throw new ClusterStartException("Could not find free ports on 127.0.0.1: " + e.getMessage(), e);
        }
        List<BackendNode> prepared = new ArrayList<>();
        int nextBus = 0;
        for (int i = 0; i < plans.size(); i++) {
            NodePlan plan = plans.get(i);
            OptionalInt bus = !plan.role().hasBusPort() ? OptionalInt.empty()
                    : fixedBusOffset ? OptionalInt.of(clientPorts.get(i) + BUS_OFFSET)
                    : OptionalInt.of(busPorts.get(nextBus++));
            LocalNode node = new LocalNode(plan, clientPorts.get(i), bus, dir);
            nodes.add(node);
            prepared.add(node);
        }
        return prepared;
    }

    /** Ports p below the ephemeral range with p and p + 10000 free, for cluster nodes of Redis before 7. */
    private static List<Integer> lowPortsWithBusPartners(int count) throws IOException {
        List<Integer> chosen = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; chosen.size() < count; attempt++) {
            if (attempt > 200 * count) {
                throw new IOException("found no " + count + " free port pairs p, p + " + BUS_OFFSET + " from "
                        + LOW_PORTS_FROM + " to " + (LOW_PORTS_TO + BUS_OFFSET));
            }
            int port = random.nextInt(LOW_PORTS_FROM, LOW_PORTS_TO + 1);
            if (chosen.stream().noneMatch(p -> Math.abs(p - port) < 2) && LoopbackPorts.isFree(port)
                    && LoopbackPorts.isFree(port + BUS_OFFSET)) {
                chosen.add(port);
            }
        }
        return chosen;
    }

    @Override
    public void writeConfig(BackendNode node, String config) {
        try {
            local(node).writeConfig(config);
        } catch (IOException e) {
            throw new SentinelDrillException("Could not write the config of " + local(node).name() + " in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void writeFile(BackendNode node, String fileName, String content) {
        try {
            local(node).writeFile(fileName, content);
        } catch (IOException e) {
            throw new SentinelDrillException("Could not write " + fileName + " of " + local(node).name() + " in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void start(List<BackendNode> starting) {
        List<LocalNode> locals = starting.stream().map(LocalBackend::local).toList();
        try {
            List<Long> pids = NodeLauncher.launch(binary, locals);
            for (int i = 0; i < locals.size(); i++) {
                locals.get(i).started(pids.get(i));
            }
        } catch (IOException e) {
            throw new ClusterStartException("Could not start " + String.join(", ",
                    locals.stream().map(LocalNode::name).toList()) + " with " + binary + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void kill(BackendNode node) {
        LocalNode local = local(node);
        local.sendKill();
        local.awaitGone("SIGKILL", KILL_TIMEOUT);
    }

    @Override
    public void stop(BackendNode node, Duration timeout) {
        LocalNode local = local(node);
        local.signal("TERM");
        local.awaitGone("SIGTERM", timeout);
    }

    @Override
    public void freeze(BackendNode node) {
        local(node).signal("STOP");
    }

    @Override
    public void thaw(BackendNode node) {
        local(node).signal("CONT");
    }

    @Override
    public Map.Entry<String, Map<String, String>> watchdogCleanup() {
        return Map.entry(KILL_NODES_AND_REMOVE_DIR, Map.of(DIR_VARIABLE, dir.toAbsolutePath().toString()));
    }

    /** Kills every node (sentinels first, so none starts a failover meanwhile) and removes the directory. */
    @Override
    public boolean close(Duration timeout) {
        List<LocalNode> stopping = new ArrayList<>(nodes.stream().filter(LocalNode::isSentinel).toList());
        nodes.stream().filter(n -> !n.isSentinel()).forEach(stopping::add);
        stopping.forEach(LocalNode::sendKill);
        List<String> alive = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (LocalNode node : stopping) {
            try {
                node.awaitGone("SIGKILL", Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            } catch (RuntimeException e) {
                alive.add(e.getMessage());
            }
        }
        if (!alive.isEmpty()) {
            LOG.warn("LOCAL topology {}: nodes still alive after SIGKILL: {}", id(), alive);
            return false;
        }
        TopologyDirectory.deleteRecursively(dir);
        return true;
    }

    private static LocalNode local(BackendNode node) {
        return (LocalNode) node;
    }

    @Override
    public String toString() {
        return "LocalBackend[" + dir + "]";
    }
}
