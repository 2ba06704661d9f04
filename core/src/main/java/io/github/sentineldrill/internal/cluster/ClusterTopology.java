package io.github.sentineldrill.internal.cluster;

import io.github.sentineldrill.AddressMapper;
import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterNotHealthyException;
import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.ShardedClusterSpec;
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
import io.github.sentineldrill.internal.node.NodeState;
import io.github.sentineldrill.internal.resp.RespErrorReply;
import io.github.sentineldrill.internal.runtime.BackendChoice;
import io.github.sentineldrill.internal.runtime.Node;
import io.github.sentineldrill.internal.runtime.NodeBackend;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A running Redis Cluster on the runtime's {@link TopologyNodes}: the {@link FaultScene} its faults act on and the
 * {@link DrillRuntime} its drills run on; the public {@link io.github.sentineldrill.ShardedCluster} is a thin face over
 * it. A shard's master is whichever of its nodes serves its slots now, as most nodes' views say.
 */
public final class ClusterTopology implements FaultScene, DrillRuntime, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterTopology.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REPLICATION_BARRIER = Duration.ofSeconds(5);
    private static final Duration WRITER_RECONNECT_DELAY = Duration.ofMillis(50);
    /** Margin over node-timeout for a failover's detection, the failure reports and the election. */
    private static final Duration FAILOVER_MARGIN = Duration.ofSeconds(5);

    private final ClusterShape shape;
    private final BackendChoice backend;
    private final ClusterHealth health;
    private final ActiveFaults faults;
    private final List<DrillListener> listeners = new CopyOnWriteArrayList<>();
    /** When each node last won an election, monotonic: it cannot start another for a while (see electionCooldown). */
    private final Map<Node, Long> lastElection = new java.util.concurrent.ConcurrentHashMap<>();
    private ClientResources writerResources;

    private ClusterTopology(ClusterShape shape, BackendChoice backend) {
        this.shape = shape;
        this.backend = backend;
        this.health = new ClusterHealth(shape);
        this.faults = new ActiveFaults(this, shape.spec().nodeTimeout());
    }

    /**
     * Starts a cluster on the chosen backend and returns once it is healthy and every shard takes writes.
     *
     * @throws ClusterStartException when it cannot be started; nothing of it is left running
     */
    public static ClusterTopology start(ShardedClusterSpec spec, BackendChoice backend) {
        return start(spec, backend, LoopbackPorts.FREE);
    }

    /** {@link #start(ShardedClusterSpec, BackendChoice)} with the ports {@code ports} hands out. */
    public static ClusterTopology start(ShardedClusterSpec spec, BackendChoice backend, LoopbackPorts ports) {
        long begin = System.nanoTime();
        NodeBackend.Factory factory = backend.factory(spec.redisBinary(), spec.image(), spec.startTimeout());
        long deadline = begin + spec.startTimeout().toNanos();
        return LoopbackPorts.startWithFreshPorts("cluster", () -> {
            TopologyNodes started = TopologyNodes.open(factory, "cluster", ClusterShape.plans(spec), ports);
            try {
                ClusterShape shape = new ClusterShape(spec, started);
                new ClusterStartup(shape).run(deadline);
                LOG.info("Redis Cluster ready in {} ms: {} shards of 1 master and {} replicas; {} ({})",
                        (System.nanoTime() - begin) / 1_000_000, spec.shards(), spec.replicasPerShard(),
                        started.description(), backend.why());
                return new ClusterTopology(shape, backend);
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

    public ShardedClusterSpec spec() {
        return shape.spec();
    }

    public Backend backend() {
        return shape.nodes().kind();
    }

    public String backendChoice() {
        return backend.why();
    }

    public String id() {
        return shape.nodes().id();
    }

    public String description() {
        return shape.nodes().description();
    }

    public List<Node> dataNodes() {
        return shape.all();
    }

    public AddressMapper addressMapper() {
        return shape.nodes().addressMapper();
    }

    /** Every node as a seed, reachable from the test JVM. */
    public List<RedisURI> seedUris() {
        return shape.all().stream().map(Node::uri).toList();
    }

    public List<String> problems() {
        return health.problems();
    }

    /** A shard now: the node serving its slots and the nodes replicating that one. */
    public record ShardNow(int index, Node master, List<Node> replicas, Slots.Range slots) {
    }

    /** Every shard now, in slot order. */
    public List<ShardNow> shardsNow() {
        List<ShardNow> shards = new ArrayList<>();
        for (int shard = 0; shard < shape.spec().shards(); shard++) {
            shards.add(shard(shard));
        }
        return shards;
    }

    /**
     * Shard {@code index} now: its master is the node most running nodes say serves its first slot (its first master
     * when no view can be read), its replicas the other nodes of the shard.
     */
    ShardNow shard(int index) {
        Slots.Range range = shape.slots(index);
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (Node node : shape.all()) {
            if (node.state() != NodeState.RUNNING) {
                continue;
            }
            try {
                shape.view(node).ownerOf(range.from()).ifPresent(owner -> votes.merge(owner.id(), 1, Integer::sum));
            } catch (IOException e) {
                // No view from this node: the others decide.
            }
        }
        Node master = votes.entrySet().stream().max(Map.Entry.comparingByValue())
                .flatMap(vote -> shape.byId(vote.getKey()))
                .orElse(shape.firstMaster(index));
        List<Node> replicas = shape.shardNodes(shape.shardOf(master)).stream().filter(n -> n != master).toList();
        return new ShardNow(shape.shardOf(master), master, replicas, range);
    }

    // Faults ------------------------------------------------------------------------------------------------------

    @Override
    public InjectedFault inject(Fault fault) {
        return faults.inject(fault);
    }

    /** How long a wait for a failover takes at most by default: node-timeout twice (detection, reports) and a margin. */
    public Duration defaultFailoverTimeout() {
        return shape.spec().nodeTimeout().multipliedBy(2).plus(FAILOVER_MARGIN);
    }

    /** Waits until a replica of the shard whose master a fault hit serves the shard's slots; returns it. */
    public Node awaitFailover(Duration timeout) {
        NodeHandle hit = faults.masterHit().orElseThrow(() -> new IllegalStateException("awaitFailover() waits for a"
                + " failover away from the master a fault hit, and no fault has hit a master since the cluster started"
                + " or was reset"));
        int index = shape.shardOf((Node) hit);
        Node[] promoted = new Node[1];
        Waits.until("failover of shard " + index + " away from " + hit.name(), timeout, () -> {
            ShardNow now = shard(index);
            if (now.master() != hit && now.master().state() == NodeState.RUNNING && servesAsMaster(now.master())) {
                promoted[0] = now.master();
                return List.of();
            }
            return List.of("the nodes say " + now.master().name() + " serves slots " + now.slots());
        });
        return promoted[0];
    }

    /** Whether {@code node}'s own view says it is a master with slots. */
    private boolean servesAsMaster(Node node) {
        try {
            return shape.view(node).myself().map(self -> self.master() && !self.slots().isEmpty()).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Heals every fault, restarts every node that is down (each from its own {@code nodes.conf}: it rejoins, as a
     * replica if its shard failed over), gives every shard its first master back ({@code CLUSTER FAILOVER} on it,
     * which loses nothing), and returns once the cluster is healthy.
     */
    public void reset(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        faults.lock().lock();
        try {
            faults.releaseAll();
            for (Node node : shape.all()) {
                shape.nodes().thawIfFrozen(node);
                shape.nodes().relays().restore(node.name());
            }
            restartDown(shape.all(), deadline);
            Waits.until("every shard of the cluster served", remaining(deadline), this::unservedShards);
            for (int index = 0; index < shape.spec().shards(); index++) {
                restoreFirstMaster(index, deadline);
            }
            Waits.until("the cluster healthy after reset", remaining(deadline), health::problems);
            faults.resetDone();
        } finally {
            faults.lock().unlock();
        }
    }

    /** What keeps the views from agreeing that {@code current} serves shard {@code index} and {@code first} follows it. */
    private List<String> viewProblems(int index, Node current, Node first) {
        List<String> problems = new ArrayList<>();
        String currentId = current.busId().orElseThrow();
        for (Node node : shape.all()) {
            if (node.state() != NodeState.RUNNING) {
                continue;
            }
            try {
                ClusterNodes view = shape.view(node);
                String owner = view.ownerOf(shape.slots(index).from()).map(ClusterNodes.Entry::id).orElse("nobody");
                if (!owner.equals(currentId)) {
                    problems.add(node.name() + " sees " + shape.nameOf(owner) + " serve shard " + index);
                }
                view.byId(currentId).filter(ClusterNodes.Entry::troubled).ifPresent(entry -> problems.add(node.name()
                        + " sees " + current.name() + " " + String.join(",", entry.flags())));
                if (node == first) {
                    String link = shape.probe(first, c -> c.info("replication").get("master_link_status"));
                    ClusterNodes.Entry self = view.myself().orElseThrow(() -> new IOException("no myself"));
                    if (self.master() || !self.masterId().equals(currentId) || !"up".equals(link)) {
                        problems.add(first.name() + " is " + String.join(",", self.flags()) + " of "
                                + shape.nameOf(self.masterId()) + ", link " + link);
                    }
                }
            } catch (IOException e) {
                problems.add(node.name() + " does not answer: " + e.getMessage());
            }
        }
        return problems;
    }

    private List<String> unservedShards() {
        List<String> problems = new ArrayList<>();
        for (int index = 0; index < shape.spec().shards(); index++) {
            ShardNow now = shard(index);
            if (!servesAsMaster(now.master())) {
                problems.add("shard " + index + ": " + now.master().name() + " does not serve slots " + now.slots()
                        + " yet");
            }
        }
        return problems;
    }

    /** Makes shard {@code index}'s first master its master again, if a failover moved the shard to a replica. */
    private void restoreFirstMaster(int index, long deadline) {
        Node first = shape.firstMaster(index);
        Node current = shard(index).master();
        if (current == first) {
            return;
        }
        // It won an election to get there, at the latest now.
        lastElection.put(current, System.nanoTime());
        LOG.debug("Shard {} is served by {}: giving it back to {}", index, current.name(), first.name());
        // Masters that still see the old master in charge, or see the new one failing, deny their votes: the
        // manual failover would time out. Let every view agree first.
        Waits.until("every node seeing " + current.name() + " serve shard " + index + ", " + first.name()
                + " linked to it", remaining(deadline), () -> viewProblems(index, current, first));
        long[] asked = {0};
        Waits.until(first.name() + " serving shard " + index + " again", remaining(deadline), () -> {
            if (shard(index).master() == first && servesAsMaster(first)) {
                return List.of();
            }
            // A manual failover that found no majority expires after 5 s: ask again, now and then, unless it took
            // over already and the others have not all seen it yet (a master refuses CLUSTER FAILOVER).
            if (System.nanoTime() - asked[0] > TimeUnit.SECONDS.toNanos(2) && !mastersInItsOwnView(first)) {
                asked[0] = System.nanoTime();
                clusterFailover(first, FailoverMode.DEFAULT);
            }
            return List.of("the nodes say " + shard(index).master().name() + " serves it");
        });
        lastElection.put(first, System.nanoTime());
    }

    /** Whether {@code node} calls itself a master; false when it does not answer. */
    private boolean mastersInItsOwnView(Node node) {
        try {
            return shape.view(node).myself().map(ClusterNodes.Entry::master).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    private void restartDown(List<Node> candidates, long deadline) {
        List<Node> down = candidates.stream().filter(node -> node.state() == NodeState.DOWN).toList();
        if (down.isEmpty()) {
            return;
        }
        for (Node node : down) {
            shape.nodes().restart(node, Optional.empty());
        }
        shape.nodes().awaitAnswering(down, " after a restart", remaining(deadline), node -> {
            shape.nodes().checkProcesses();
            return Optional.empty();
        });
    }

    private void clusterFailover(Node replica, FailoverMode mode) {
        try {
            String[] command = mode == FailoverMode.DEFAULT ? new String[] {"CLUSTER", "FAILOVER"}
                    : new String[] {"CLUSTER", "FAILOVER", mode.name()};
            shape.command(replica, c -> c.call(command));
        } catch (RespErrorReply refused) {
            throw new SentinelDrillException(replica.name() + " refused CLUSTER FAILOVER"
                    + (mode == FailoverMode.DEFAULT ? "" : " " + mode) + ": " + refused.getMessage());
        } catch (IOException e) {
            throw new SentinelDrillException("Could not ask " + replica.name() + " for CLUSTER FAILOVER: "
                    + e.getMessage(), e);
        }
    }

    // FaultScene --------------------------------------------------------------------------------------------------

    @Override
    public TopologyKind kind() {
        return TopologyKind.REDIS_CLUSTER;
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public int shards() {
        return shape.spec().shards();
    }

    @Override
    public NodeHandle master(int shard) {
        return shard(requireShard(shard)).master();
    }

    @Override
    public List<NodeHandle> replicas(int shard) {
        return List.copyOf(shard(requireShard(shard)).replicas());
    }

    @Override
    public List<NodeHandle> sentinels() {
        return List.of();
    }

    private int requireShard(int shard) {
        if (shard < 0 || shard >= shape.spec().shards()) {
            throw new IllegalArgumentException("onShard: shard = " + shard + "; allowed: 0 to "
                    + (shape.spec().shards() - 1) + " (this cluster has " + shape.spec().shards() + " shards)");
        }
        return shard;
    }

    /**
     * Waits until no replica of {@code master}'s shard won an election within Redis's retry time for elections
     * ({@code 2 * max(2 * node-timeout, 2 s)}): a replica that did would start the next election only after it, and
     * the failover would be measured later than a first failover in production.
     */
    @Override
    public void awaitSettledLinks(NodeHandle master) {
        long cooldown = electionCooldown().toNanos();
        List<Node> shard = shape.shardNodes(shape.shardOf((Node) master));
        Waits.until("the replicas of " + master.name() + " able to start an election", cooldown == 0
                ? Duration.ofMillis(1) : Duration.ofNanos(cooldown).plusSeconds(1), () -> {
                    long now = System.nanoTime();
                    List<String> waiting = new ArrayList<>();
                    for (Node node : shard) {
                        Long at = lastElection.get(node);
                        if (node != master && at != null && now - at < cooldown) {
                            waiting.add(node.name() + " won an election " + (now - at) / 1_000_000 + " ms ago");
                        }
                    }
                    return waiting;
                });
    }

    /** How long after an election a replica may not start another one (Redis's auth_retry_time). */
    Duration electionCooldown() {
        Duration doubled = shape.spec().nodeTimeout().multipliedBy(2);
        return (doubled.compareTo(Duration.ofSeconds(2)) > 0 ? doubled : Duration.ofSeconds(2)).multipliedBy(2);
    }

    @Override
    public void kill(NodeHandle node) {
        shape.nodes().kill((Node) node);
    }

    @Override
    public void stop(NodeHandle node) {
        shape.nodes().stop((Node) node, STOP_TIMEOUT);
    }

    @Override
    public void freeze(NodeHandle node) {
        shape.nodes().freeze((Node) node);
    }

    @Override
    public void thawIfFrozen(NodeHandle node) {
        shape.nodes().thawIfFrozen((Node) node);
    }

    @Override
    public void cut(NodeHandle node) {
        shape.nodes().relays().cut(node.name());
    }

    @Override
    public void restoreIfCut(NodeHandle node) {
        shape.nodes().relays().restore(node.name());
    }

    @Override
    public void restartEmpty(NodeHandle handle) {
        Node node = (Node) handle;
        shape.nodes().kill(node);
        shape.nodes().restart(node, Optional.empty());
        shape.nodes().awaitAnswering(List.of(node), " after a restart", shape.spec().startTimeout(), n -> {
            shape.nodes().checkProcesses();
            return Optional.empty();
        });
    }

    @Override
    public void restartIfDown(List<NodeHandle> nodes) {
        restartDown(nodes.stream().map(Node.class::cast).toList(),
                System.nanoTime() + shape.spec().startTimeout().toNanos());
    }

    @Override
    public void manualFailover(int shard, FailoverMode mode) {
        List<Node> replicas = shard(requireShard(shard)).replicas();
        Node replica = replicas.stream().filter(n -> n.state() == NodeState.RUNNING).findFirst()
                .orElseThrow(() -> new IllegalStateException("Cannot ask shard " + shard + " for a manual failover:"
                        + " it has no running replica"));
        clusterFailover(replica, mode);
        lastElection.put(replica, System.nanoTime());
    }

    // DrillRuntime ------------------------------------------------------------------------------------------------

    @Override
    public DrillTopology describe() {
        ShardedClusterSpec spec = shape.spec();
        return new DrillTopology(TopologyKind.REDIS_CLUSTER, backend(), backend.why(), "cluster",
                String.format(Locale.ROOT, "%d shard%s of 1 master and %d replica%s, node-timeout %d ms",
                        spec.shards(), spec.shards() == 1 ? "" : "s", spec.replicasPerShard(),
                        spec.replicasPerShard() == 1 ? "" : "s", spec.nodeTimeout().toMillis()));
    }

    @Override
    public Duration failureDetection() {
        return shape.spec().nodeTimeout();
    }

    @Override
    public String failoverEvent() {
        return TopologyKind.REDIS_CLUSTER.failoverEvent();
    }

    @Override
    public String masterFor(Fault fault) {
        return shard(faultShard(fault)).master().name();
    }

    private int faultShard(Fault fault) {
        return requireShard(fault instanceof NodeFault targeted ? targeted.shard() : 0);
    }

    @Override
    public TopologyEvents openEvents() {
        return ClusterEvents.open(shape);
    }

    /** The built-in writer writes into one slot of the shard the drill's fault aims at. */
    @Override
    public Writer builtInWriter(String runId, TopologyEvents events, Fault fault) {
        ClientLibraries.requireUsableLettuce("The built-in writer (WriteLoad.everyMillis)");
        int index = faultShard(fault);
        return new LettuceClusterWriter(writerResources(), seedUris(),
                Slots.tagIn(shape.slots(index), "shard" + index + "-"), runId);
    }

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
        reset(shape.spec().startTimeout());
    }

    @Override
    public void awaitReplicated() {
        int replicas = shape.spec().replicasPerShard();
        if (replicas == 0) {
            return;
        }
        for (ShardNow shard : shardsNow()) {
            try {
                long acknowledged = shape.probes().call(shard.master().reachableAddress(),
                        REPLICATION_BARRIER.plusSeconds(1), c -> c.callLong("WAIT", String.valueOf(replicas),
                                String.valueOf(REPLICATION_BARRIER.toMillis())));
                if (acknowledged != replicas) {
                    LOG.warn("Drill: only {} of {} replicas of {} acknowledged its offset within {} ms", acknowledged,
                            replicas, shard.master().name(), REPLICATION_BARRIER.toMillis());
                }
            } catch (IOException e) {
                throw new SentinelDrillException("Could not wait for the replicas of " + shard.master().name() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<DrillListener> listeners() {
        return List.copyOf(listeners);
    }

    public DrillListener.Registration addListener(DrillListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }

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
            LOG.warn("The built-in writer's Lettuce resources of the cluster did not shut down cleanly: {}",
                    e.toString());
        } finally {
            shape.nodes().close();
        }
    }

    @Override
    public String toString() {
        return "ClusterTopology[" + description() + "]";
    }

}
