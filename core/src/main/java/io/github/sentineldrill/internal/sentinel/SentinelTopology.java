package io.github.sentineldrill.internal.sentinel;

import io.github.sentineldrill.AddressMapper;
import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterNotHealthyException;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.drill.DrillListener;
import io.github.sentineldrill.drill.DrillTopology;
import io.github.sentineldrill.drill.TopologyKind;
import io.github.sentineldrill.fault.FailoverMode;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.InjectedFault;
import io.github.sentineldrill.fault.NodeFault;
import io.github.sentineldrill.internal.LettuceAddressMapping;
import io.github.sentineldrill.internal.LoopbackPorts;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.compat.ClientLibraries;
import io.github.sentineldrill.internal.drill.DrillRuntime;
import io.github.sentineldrill.internal.drill.TopologyEvents;
import io.github.sentineldrill.internal.drill.Writer;
import io.github.sentineldrill.internal.fault.ActiveFaults;
import io.github.sentineldrill.internal.fault.FaultScene;
import io.github.sentineldrill.internal.node.NodeHandle;
import io.github.sentineldrill.internal.node.NodeRole;
import io.github.sentineldrill.internal.node.NodeState;
import io.github.sentineldrill.internal.resp.RespErrorReply;
import io.github.sentineldrill.internal.runtime.BackendChoice;
import io.github.sentineldrill.internal.runtime.Node;
import io.github.sentineldrill.internal.runtime.NodeBackend;
import io.github.sentineldrill.internal.runtime.NodePlan;
import io.github.sentineldrill.internal.runtime.TopologyNodes;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A running Sentinel topology: a master, its replicas and its sentinels, on the runtime's {@link TopologyNodes}. It is
 * the {@link FaultScene} its faults act on and the {@link DrillRuntime} its drills run on; the public
 * {@link io.github.sentineldrill.SentinelCluster} is a thin face over it.
 */
public final class SentinelTopology implements FaultScene, DrillRuntime, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SentinelTopology.class);
    /** Redis 7 waits up to its shutdown-timeout (10 s) for lagging replicas before it exits on SIGTERM. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Sentinel's ping period, which also spaces its reconnections to a node. */
    private static final Duration SENTINEL_PING_PERIOD = Duration.ofMillis(1000);
    private static final Duration SETTLE_TIMEOUT = SENTINEL_PING_PERIOD.multipliedBy(10);
    private static final Duration REPLICATION_BARRIER = Duration.ofSeconds(5);
    private static final Duration WRITER_RECONNECT_DELAY = Duration.ofMillis(50);

    private final SentinelNodes nodes;
    private final BackendChoice backend;
    private final SentinelHealth health;
    private final SentinelView view;
    private final ActiveFaults faults;
    private final List<DrillListener> listeners = new CopyOnWriteArrayList<>();
    private final ResetTimings lastReset = new ResetTimings();
    private ClientResources writerResources;
    /** The highest config epoch when the topology was last reset: a failover since has raised it. */
    private long configEpochAtReset;

    private SentinelTopology(SentinelNodes nodes, BackendChoice backend) {
        this.nodes = nodes;
        this.backend = backend;
        this.health = new SentinelHealth(nodes);
        this.view = new SentinelView(nodes, health);
        this.faults = new ActiveFaults(this, nodes.spec().downAfter());
    }

    /**
     * Starts a topology on the chosen backend and returns once it is healthy.
     *
     * @throws ClusterStartException when it cannot be started; nothing of it is left running
     */
    public static SentinelTopology start(ClusterSpec spec, BackendChoice backend) {
        return start(spec, backend, LoopbackPorts.FREE);
    }

    /** {@link #start(ClusterSpec, BackendChoice)} with the ports {@code ports} hands out: for tests of taken ports. */
    public static SentinelTopology start(ClusterSpec spec, BackendChoice backend, LoopbackPorts ports) {
        long begin = System.nanoTime();
        NodeBackend.Factory factory = backend.factory(spec.redisBinary(), spec.image(), spec.startTimeout());
        long deadline = begin + spec.startTimeout().toNanos();
        List<NodePlan> plans = new ArrayList<>();
        for (int i = 0; i < spec.dataNodes(); i++) {
            plans.add(NodePlan.of("redis-" + i, NodeRole.DATA));
        }
        for (int i = 0; i < spec.sentinels(); i++) {
            plans.add(NodePlan.of("sentinel-" + i, NodeRole.SENTINEL));
        }
        return LoopbackPorts.startWithFreshPorts(spec.masterName(), () -> {
            TopologyNodes started = TopologyNodes.open(factory, spec.masterName(), plans, ports);
            try {
                List<Node> all = started.all();
                SentinelNodes shape = new SentinelNodes(spec, started, all.subList(0, spec.dataNodes()),
                        all.subList(spec.dataNodes(), all.size()));
                new SentinelStartup(shape).run(deadline);
                SentinelTopology topology = new SentinelTopology(shape, backend);
                topology.configEpochAtReset = topology.view.maxConfigEpoch();
                LOG.info("Topology '{}' ready in {} ms: 1 master, {} replicas, {} sentinels; {} ({})",
                        spec.masterName(), (System.nanoTime() - begin) / 1_000_000, spec.replicas(), spec.sentinels(),
                        started.description(), backend.why());
                return topology;
            } catch (ClusterNotHealthyException e) {
                String logs = started.logTails();
                started.close();
                throw new ClusterStartException(e.getMessage() + "\n" + logs, e);
            } catch (RuntimeException | Error e) {
                started.close();
                throw e;
            }
        });
    }

    public ClusterSpec spec() {
        return nodes.spec();
    }

    public Backend backend() {
        return nodes.nodes().kind();
    }

    /** How the backend was chosen, in words. */
    public String backendChoice() {
        return backend.why();
    }

    public String id() {
        return nodes.nodes().id();
    }

    public String description() {
        return nodes.nodes().description();
    }

    public List<Node> dataNodes() {
        return nodes.dataNodes();
    }

    public List<Node> sentinelNodes() {
        return nodes.sentinels();
    }

    public AddressMapper addressMapper() {
        return nodes.nodes().addressMapper();
    }

    /** What is wrong now; empty when the topology is healthy. */
    public List<String> problems() {
        return health.problems();
    }

    /** The data node the sentinels name as master now (most answering sentinels' answer). */
    public Node currentMaster() {
        return view.currentMaster();
    }

    /** A new sentinel URI listing every sentinel, reachable from the test JVM. */
    public RedisURI sentinelUri() {
        RedisURI.Builder builder = null;
        for (Node sentinel : nodes.sentinels()) {
            NodeAddress reachable = sentinel.reachableAddress();
            builder = builder == null
                    ? RedisURI.Builder.sentinel(reachable.host(), reachable.port(), nodes.masterName())
                    : builder.withSentinel(reachable.host(), reachable.port());
        }
        return Objects.requireNonNull(builder).withTimeout(NodeHandle.URI_TIMEOUT).build();
    }

    // Faults ------------------------------------------------------------------------------------------------------

    @Override
    public InjectedFault inject(Fault fault) {
        return faults.inject(fault);
    }

    /** How long the waits for a failover take at most by default: down-after, failover-timeout and a margin. */
    public Duration defaultFailoverTimeout() {
        return view.defaultFailoverTimeout();
    }

    /**
     * Waits until a quorum of sentinels names a master other than the one the last master fault hit.
     *
     * @return the new master
     */
    public Node awaitFailover(Duration timeout) {
        NodeHandle hit = faults.masterHit().orElseThrow(() -> new IllegalStateException("awaitFailover() waits for a"
                + " failover away from the master a fault hit, and no fault has hit the master since the topology"
                + " started or was reset; use awaitMaster(node) to wait for a given master"));
        NodeAddress before = hit.address();
        int quorum = nodes.spec().effectiveQuorum();
        NodeAddress[] agreed = new NodeAddress[1];
        Waits.until("failover of '" + nodes.masterName() + "' away from " + hit.name() + " agreed by a quorum of "
                + quorum + " sentinels", timeout, () -> {
                    Map<NodeAddress, Integer> votes = view.votes();
                    Optional<NodeAddress> found = votes.entrySet().stream()
                            .filter(vote -> !vote.getKey().equals(before) && vote.getValue() >= quorum)
                            .map(Map.Entry::getKey)
                            .findFirst();
                    found.ifPresent(address -> agreed[0] = address);
                    return found.isPresent() ? List.of() : List.of("sentinels name as master: " + view.describe(votes));
                });
        return nodes.dataNodeAt(agreed[0]).orElseThrow(() -> new SentinelDrillException("The sentinels agree on "
                + agreed[0] + " as master of '" + nodes.masterName() + "', which is no node of this topology"));
    }

    /** Waits until a quorum of sentinels names {@code node} as master. */
    public void awaitMaster(Node node, Duration timeout) {
        int quorum = nodes.spec().effectiveQuorum();
        Waits.until("a quorum of " + quorum + " sentinels naming " + node.name() + " master of '"
                + nodes.masterName() + "'", timeout, () -> {
                    Map<NodeAddress, Integer> votes = view.votes();
                    return votes.getOrDefault(node.address(), 0) >= quorum ? List.of()
                            : List.of("sentinels name as master: " + view.describe(votes));
                });
    }

    /**
     * Heals every fault, restarts every node that is down, makes every data node a replica of the master the sentinels
     * agree on, and, if a failover happened or may have started, resets the sentinels so that the next failover is
     * not held back by it; returns once the topology is healthy. Sentinels' timers are shortened while it runs and
     * restored before it returns.
     */
    public void reset(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        faults.lock().lock();
        try {
            lastReset.begin();
            faults.releaseAll();
            for (Node node : allNodes()) {
                nodes.nodes().thawIfFrozen(node);
                nodes.nodes().relays().restore(node.name());
            }
            restartDown(nodes.sentinels(), Optional.empty(), deadline);
            lastReset.phase("heal faults, restart sentinels");
            try (SentinelTimers timers = SentinelTimers.forReset()) {
                nodes.sentinels().forEach(timers::shorten);
                Node master = view.awaitDecidedMaster(remaining(deadline));
                lastReset.phase("decide the master");
                restartDown(List.of(master), Optional.empty(), deadline);
                restartDown(nodes.dataNodes(), Optional.of(master.address()), deadline);
                lastReset.phase("restart data nodes");
                align(master);
                boolean failedOver = faults.detectorsMayHaveActed() || view.maxConfigEpoch() > configEpochAtReset;
                if (failedOver) {
                    Waits.until("every sentinel naming " + master.name() + " master of '" + nodes.masterName() + "'",
                            remaining(deadline), new Realigner(master, () -> view.notNaming(master))::problems);
                    lastReset.phase("sentinels agree on the master");
                    // The leader of a failover still under way monitors the master anew (see remonitor); the others
                    // forget the failover with SENTINEL RESET.
                    List<Node> leaders = view.failoverLeaders();
                    leaders.forEach(leader -> view.remonitor(leader, master.address()));
                    view.resetSentinels(leaders);
                    lastReset.phase("reset the sentinels");
                }
                Waits.until("topology '" + nodes.masterName() + "' healthy after reset", remaining(deadline),
                        new Realigner(master, health::problems)::problems);
                lastReset.phase(failedOver ? "sentinels rediscover the topology" : "healthy");
            }
            configEpochAtReset = view.maxConfigEpoch();
            faults.resetDone();
            lastReset.phase("restore timers");
        } finally {
            faults.lock().unlock();
        }
    }

    /** Where the last {@link #reset(Duration)} spent its time, phase by phase. */
    public Map<String, Duration> lastResetPhases() {
        return lastReset.phases();
    }

    /**
     * Re-aligns the data nodes every half second while the reset's wait sees problems: a node can be re-pointed after
     * the first alignment (by a sentinel acting on an older state), and the reset, not Sentinel's slower repairs, owns
     * getting every replica onto the master.
     */
    private final class Realigner {
        private final Node master;
        private final java.util.function.Supplier<List<String>> problems;
        private long lastAlign = System.nanoTime();

        Realigner(Node master, java.util.function.Supplier<List<String>> problems) {
            this.master = master;
            this.problems = problems;
        }

        List<String> problems() {
            List<String> now = problems.get();
            if (!now.isEmpty() && System.nanoTime() - lastAlign > TimeUnit.MILLISECONDS.toNanos(500)) {
                lastAlign = System.nanoTime();
                align(master);
            }
            return now;
        }
    }

    /** Makes every running data node other than {@code master} replicate it, if it does not. */
    private void align(Node master) {
        NodeAddress target = master.address();
        for (Node node : nodes.dataNodes()) {
            if (node == master || node.state() != NodeState.RUNNING) {
                continue;
            }
            try {
                nodes.command(node, c -> {
                    Map<String, String> replication = c.info("replication");
                    boolean replicates = "slave".equals(replication.get("role"))
                            && target.host().equals(replication.get("master_host"))
                            && String.valueOf(target.port()).equals(replication.get("master_port"));
                    if (!replicates) {
                        LOG.debug("{} is {} of {}:{}; making it a replica of {}", node.name(), replication.get("role"),
                                replication.get("master_host"), replication.get("master_port"), master.name());
                        c.call("REPLICAOF", target.host(), String.valueOf(target.port()));
                    }
                    return null;
                });
            } catch (IOException e) {
                LOG.debug("Could not align {} yet: {}", node.name(), e.getMessage());
            }
        }
    }

    /**
     * Starts again those of {@code candidates} that are down and waits until they answer: a data node as a replica
     * of {@code master}, or as master if that is itself or empty; a sentinel from the config it last wrote, as an
     * operator's restart would.
     */
    private void restartDown(List<Node> candidates, Optional<NodeAddress> master, long deadline) {
        List<Node> down = candidates.stream().filter(node -> node.state() == NodeState.DOWN).toList();
        if (down.isEmpty()) {
            return;
        }
        for (Node node : down) {
            if (node.isSentinel()) {
                nodes.nodes().restart(node, Optional.empty());
            } else {
                Optional<NodeAddress> replicaOf = master.filter(address -> !address.equals(node.address()));
                nodes.nodes().restart(node, Optional.of(SentinelConfigs.dataNode(nodes.spec(), node.layout(),
                        node.address(), replicaOf)));
            }
        }
        nodes.nodes().awaitAnswering(down, " after a restart", remaining(deadline), node -> {
            nodes.nodes().checkProcesses();
            return Optional.empty();
        });
    }

    // FaultScene --------------------------------------------------------------------------------------------------

    @Override
    public TopologyKind kind() {
        return TopologyKind.SENTINEL;
    }

    @Override
    public String name() {
        return nodes.masterName();
    }

    @Override
    public int shards() {
        return 1;
    }

    @Override
    public NodeHandle master(int shard) {
        requireShard(shard);
        return view.currentMaster();
    }

    @Override
    public List<NodeHandle> replicas(int shard) {
        requireShard(shard);
        Node master = view.currentMaster();
        return nodes.dataNodes().stream().filter(node -> node != master).map(NodeHandle.class::cast).toList();
    }

    @Override
    public List<NodeHandle> sentinels() {
        return List.copyOf(nodes.sentinels());
    }

    /**
     * Waits until the newest link from a peer to {@code master} is one sentinel ping period old. Sentinel reconnects a
     * dropped link no sooner than one ping period after it last connected it, and each reconnection restarts its
     * down-after clock; so a master that fails within a second of a sentinel connecting to it (right after a start or
     * a reset) is detected up to a second later than one whose links are settled, as in production.
     */
    @Override
    public void awaitSettledLinks(NodeHandle master) {
        Waits.until("links to " + master.name() + " older than the sentinel ping period ("
                + SENTINEL_PING_PERIOD.toMillis() + " ms)", SETTLE_TIMEOUT, () -> {
                    OptionalLong age = nodes.nodes().relays().newestLinkAge(master.name());
                    return age.isPresent() && age.getAsLong() < SENTINEL_PING_PERIOD.toNanos()
                            ? List.of("the newest link is " + age.getAsLong() / 1_000_000 + " ms old")
                            : List.of();
                });
    }

    @Override
    public void kill(NodeHandle node) {
        nodes.nodes().kill((Node) node);
    }

    @Override
    public void stop(NodeHandle node) {
        nodes.nodes().stop((Node) node, STOP_TIMEOUT);
    }

    @Override
    public void freeze(NodeHandle node) {
        nodes.nodes().freeze((Node) node);
    }

    @Override
    public void thawIfFrozen(NodeHandle node) {
        nodes.nodes().thawIfFrozen((Node) node);
    }

    @Override
    public void cut(NodeHandle node) {
        nodes.nodes().relays().cut(node.name());
    }

    @Override
    public void restoreIfCut(NodeHandle node) {
        nodes.nodes().relays().restore(node.name());
    }

    @Override
    public void restartEmpty(NodeHandle handle) {
        Node node = (Node) handle;
        long begin = System.nanoTime();
        nodes.nodes().kill(node);
        nodes.nodes().restart(node, Optional.of(SentinelConfigs.dataNode(nodes.spec(), node.layout(), node.address(),
                Optional.empty())));
        nodes.nodes().awaitAnswering(List.of(node), " after a restart", nodes.spec().startTimeout(), n -> {
            nodes.nodes().checkProcesses();
            return Optional.empty();
        });
        long tookMillis = (System.nanoTime() - begin) / 1_000_000;
        if (tookMillis >= nodes.spec().downAfter().toMillis()) {
            LOG.warn("restartMaster took {} ms, not less than down-after ({} ms): the sentinels may have reacted",
                    tookMillis, nodes.spec().downAfter().toMillis());
        }
    }

    /**
     * Starts again those of {@code nodes} that are down: a data node as a replica of the decided master (a failover
     * under way is let finish), or as master if it is that master.
     */
    @Override
    public void restartIfDown(List<NodeHandle> handles) {
        List<Node> down = handles.stream().map(Node.class::cast).filter(n -> n.state() == NodeState.DOWN).toList();
        if (down.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + nodes.spec().startTimeout().plus(view.defaultFailoverTimeout()).toNanos();
        restartDown(down.stream().filter(Node::isSentinel).toList(), Optional.empty(), deadline);
        List<Node> dataNodes = down.stream().filter(n -> !n.isSentinel()).toList();
        if (!dataNodes.isEmpty()) {
            Node master = view.awaitDecidedMaster(view.defaultFailoverTimeout());
            restartDown(dataNodes, Optional.of(master.address()), deadline);
        }
    }

    @Override
    public void manualFailover(int shard, FailoverMode mode) {
        requireShard(shard);
        if (mode != FailoverMode.DEFAULT) {
            throw new IllegalArgumentException("manualFailover(FailoverMode." + mode + ") fits Redis Cluster"
                    + " topologies; a Sentinel topology has one manual failover, SENTINEL FAILOVER: manualFailover()");
        }
        List<String> failures = new ArrayList<>();
        for (Node sentinel : nodes.sentinels()) {
            if (sentinel.state() != NodeState.RUNNING) {
                continue;
            }
            try {
                nodes.command(sentinel, c -> c.call("SENTINEL", "FAILOVER", nodes.masterName()));
                return;
            } catch (RespErrorReply refused) {
                throw new SentinelDrillException(sentinel.name() + " refused SENTINEL FAILOVER " + nodes.masterName()
                        + ": " + refused.getMessage());
            } catch (IOException e) {
                failures.add(sentinel.name() + ": " + e.getMessage());
            }
        }
        throw new SentinelDrillException("No sentinel took SENTINEL FAILOVER " + nodes.masterName() + ": " + failures);
    }

    private static void requireShard(int shard) {
        if (shard != 0) {
            throw new IllegalArgumentException("onShard: shard = " + shard + "; allowed: 0 (a Sentinel topology has"
                    + " one master, shard 0)");
        }
    }

    // DrillRuntime ------------------------------------------------------------------------------------------------

    @Override
    public DrillTopology describe() {
        ClusterSpec spec = nodes.spec();
        return new DrillTopology(TopologyKind.SENTINEL, backend(), backend.why(), spec.masterName(),
                String.format(Locale.ROOT, "1 master, %d replica%s, %d sentinel%s (quorum %d), down-after %d ms,"
                                + " failover-timeout %d ms", spec.replicas(), spec.replicas() == 1 ? "" : "s",
                        spec.sentinels(), spec.sentinels() == 1 ? "" : "s", spec.effectiveQuorum(),
                        spec.downAfter().toMillis(), spec.failoverTimeout().toMillis()));
    }

    @Override
    public Duration failureDetection() {
        return nodes.spec().downAfter();
    }

    @Override
    public String failoverEvent() {
        return TopologyKind.SENTINEL.failoverEvent();
    }

    @Override
    public String masterFor(Fault fault) {
        if (fault instanceof NodeFault targeted) {
            requireShard(targeted.shard());
        }
        return view.currentMaster().name();
    }

    @Override
    public TopologyEvents openEvents() {
        return SentinelEvents.open(nodes);
    }

    @Override
    public Writer builtInWriter(String runId, TopologyEvents events, Fault fault) {
        ClientLibraries.requireUsableLettuce("The built-in writer (WriteLoad.everyMillis)");
        return new LettuceSentinelWriter(writerResources(), sentinelUri(), nodes.masterName(), runId,
                () -> view.currentMaster().uri(), events);
    }

    /** The built-in writer's Lettuce resources: the address mapping and a constant reconnect delay; one per topology. */
    private synchronized ClientResources writerResources() {
        if (writerResources == null) {
            writerResources = DefaultClientResources.builder()
                    .socketAddressResolver(LettuceAddressMapping.resolver(addressMapper()))
                    .reconnectDelay(Delay.constant(WRITER_RECONNECT_DELAY))
                    .build();
        }
        return writerResources;
    }

    @Override
    public void reset() {
        reset(nodes.spec().startTimeout());
    }

    @Override
    public void awaitReplicated() {
        int replicas = nodes.spec().replicas();
        if (replicas == 0) {
            return;
        }
        Node master = view.currentMaster();
        try {
            long acknowledged = nodes.probes().call(master.reachableAddress(), REPLICATION_BARRIER.plusSeconds(1),
                    c -> c.callLong("WAIT", String.valueOf(replicas), String.valueOf(REPLICATION_BARRIER.toMillis())));
            if (acknowledged != replicas) {
                LOG.warn("Drill: only {} of {} replicas acknowledged the master's offset within {} ms", acknowledged,
                        replicas, REPLICATION_BARRIER.toMillis());
            }
        } catch (IOException e) {
            throw new SentinelDrillException("Could not wait for the replicas of " + master.name() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<DrillListener> listeners() {
        return List.copyOf(listeners);
    }

    /** Tells {@code listener} of every drill from now until the registration is closed. */
    public DrillListener.Registration addListener(DrillListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private List<Node> allNodes() {
        return nodes.nodes().all();
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }

    /** Stops every node and removes everything; waits for the writer's Lettuce resources to shut down. */
    @Override
    public void close() {
        ClientResources resources;
        synchronized (this) {
            resources = writerResources;
            writerResources = null;
        }
        try {
            faults.close();
            if (resources != null) {
                resources.shutdown(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("The built-in writer's Lettuce resources of '{}' did not shut down cleanly: {}",
                    nodes.masterName(), e.toString());
        } finally {
            nodes.nodes().close();
        }
    }

    @Override
    public String toString() {
        return "SentinelTopology[" + nodes.masterName() + ", " + description() + "]";
    }

    /** Where a reset spent its time, for the benchmark that explains it. */
    private static final class ResetTimings {
        private final Map<String, Duration> phases = new LinkedHashMap<>();
        private long mark;

        synchronized void begin() {
            phases.clear();
            mark = System.nanoTime();
        }

        synchronized void phase(String name) {
            long now = System.nanoTime();
            phases.merge(name, Duration.ofNanos(now - mark), Duration::plus);
            mark = now;
        }

        synchronized Map<String, Duration> phases() {
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
        }
    }
}
