package io.github.sentineldrill;

import io.github.sentineldrill.drill.Drill;
import io.github.sentineldrill.drill.DrillListener;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.InjectedFault;
import io.github.sentineldrill.internal.LettuceAddressMapping;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.compat.ClientLibraries;
import io.github.sentineldrill.internal.drill.DrillRun;
import io.github.sentineldrill.internal.runtime.BackendChoice;
import io.github.sentineldrill.internal.runtime.Node;
import io.github.sentineldrill.internal.sentinel.SentinelTopology;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A running Redis Sentinel topology: one master, its replicas and the sentinels that watch it.
 *
 * <pre>{@code
 * try (SentinelCluster cluster = SentinelCluster.start(ClusterSpec.builder().backend(Backend.LOCAL).build())) {
 *     RedisClient client = RedisClient.create(cluster.clientResources(), cluster.sentinelUri());
 *     try (StatefulRedisConnection<String, String> connection = client.connect()) {
 *         connection.sync().set("greeting", "hello");
 *     } finally {
 *         client.shutdown();
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #start} returns once the topology is healthy (see {@link #awaitHealthy}). {@link #close} stops every node
 * and removes every file and container. A topology whose JVM dies without closing it is cleaned up by a watchdog
 * process, and, as a last resort, by the sweep of leftovers when the next topology starts. Instances are safe to use
 * from several threads.
 */
public final class SentinelCluster implements RedisTopology {

    private static final Logger LOG = LoggerFactory.getLogger(SentinelCluster.class);

    private final SentinelTopology topology;
    private ClientResources clientResources;
    private boolean closed;

    private SentinelCluster(SentinelTopology topology) {
        this.topology = topology;
    }

    /**
     * Starts a topology and returns once it is healthy.
     *
     * @throws InvalidClusterSpecException when the build names an unknown backend
     * @throws ClusterStartException       when the topology cannot be started; nothing of it is left running
     */
    public static SentinelCluster start(ClusterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        BackendChoice backend = BackendChoice.choose(spec.backend(), spec.image());
        return new SentinelCluster(SentinelTopology.start(spec, backend));
    }

    /** The spec this topology was started from. */
    public ClusterSpec spec() {
        return topology.spec();
    }

    @Override
    public Backend backend() {
        return topology.backend();
    }

    @Override
    public String backendChoice() {
        return topology.backendChoice();
    }

    @Override
    public String id() {
        return topology.id();
    }

    /** The name the sentinels monitor the master under, {@code mymaster} by default. */
    public String masterName() {
        return topology.spec().masterName();
    }

    /**
     * A new {@code redis-sentinel://} URI listing every sentinel, reachable from the test JVM, for the master name.
     * A plain Lettuce {@code RedisClient.create(uri)} can use it as is (with the 5 second command timeout
     * described at {@link RedisNode#uri()}).
     */
    public RedisURI sentinelUri() {
        ensureOpen();
        return topology.sentinelUri();
    }

    /**
     * Lettuce {@link ClientResources} whose address resolution maps every address a sentinel may hand out to one the
     * test JVM can reach (see {@link #addressMapper()}). Created on first use and shut down by {@link #close()}; shut
     * down clients that use it before closing the cluster.
     */
    @Override
    public synchronized ClientResources clientResources() {
        ensureOpen();
        if (clientResources == null) {
            ClientLibraries.requireUsableLettuce("clientResources()");
            clientResources = DefaultClientResources.builder()
                    .socketAddressResolver(LettuceAddressMapping.resolver(topology.addressMapper()))
                    .build();
        }
        return clientResources;
    }

    @Override
    public AddressMapper addressMapper() {
        return topology.addressMapper();
    }

    /**
     * The data node the sentinels currently report as master (most sentinels' answer if they differ). After a failover
     * it is another node than {@code redis-0}.
     *
     * @throws SentinelDrillException when no sentinel answers, or they name no node of this topology
     */
    public RedisNode master() {
        ensureOpen();
        return topology.currentMaster();
    }

    /** The data nodes other than the {@link #master()}, in start order. */
    public List<RedisNode> replicas() {
        RedisNode master = master();
        return topology.dataNodes().stream().filter(node -> node != master).map(RedisNode.class::cast).toList();
    }

    /** Every data node, master and replicas, in start order: {@code redis-0} was the first master. */
    @Override
    public List<RedisNode> dataNodes() {
        return List.copyOf(topology.dataNodes());
    }

    /** The sentinels, in start order. */
    public List<RedisNode> sentinels() {
        return List.copyOf(topology.sentinelNodes());
    }

    /**
     * Waits until every node is up, every replica is linked to the master, and every sentinel agrees on that master
     * and knows every replica and every other sentinel.
     *
     * @throws ClusterNotHealthyException at the deadline, naming what was still wrong
     */
    @Override
    public void awaitHealthy(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        Waits.until("topology '" + masterName() + "' healthy", timeout, topology::problems);
    }

    /**
     * Injects a fault now and returns once it is in effect; closing the returned handle heals it (see
     * {@link InjectedFault#close()}). Faults that name "the master" hit the node the sentinels name at this moment.
     *
     * <pre>{@code
     * try (InjectedFault fault = cluster.inject(Faults.killMaster())) {
     *     RedisNode promoted = cluster.awaitFailover();
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException when the fault does not fit this topology, such as {@code killReplica(3)} with
     *                                  two replicas
     * @throws IllegalStateException    when its target is down or frozen already
     */
    @Override
    public InjectedFault inject(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        ensureOpen();
        return topology.inject(fault);
    }

    @Override
    public void reset() {
        reset(topology.spec().startTimeout());
    }

    /**
     * Heals every fault still in effect and waits until the topology is healthy with its original shape: nodes that are
     * down are started again on their addresses (data nodes as replicas), frozen nodes resumed, partitions lifted,
     * every data node made a replica of the master the sentinels agree on, and, if a fault may have led to a failover,
     * every sentinel told {@code SENTINEL RESET} so that the next failover is not held back by the last one (Sentinel
     * waits twice the failover-timeout between failovers of one master). The master may be another node than before.
     *
     * @throws ClusterNotHealthyException at the deadline, naming what was still wrong
     */
    @Override
    public void reset(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        long begin = System.nanoTime();
        topology.reset(timeout);
        LOG.info("Topology '{}' reset in {} ms; master is {}", masterName(), (System.nanoTime() - begin) / 1_000_000,
                topology.currentMaster().name());
    }

    /**
     * Waits until a quorum of sentinels names a new master, other than the one the last fault on the master hit, for at
     * most down-after + failover-timeout + 5 s.
     *
     * @return the new master
     * @throws ClusterNotHealthyException at the deadline, with what the sentinels named
     * @throws IllegalStateException      when no fault has hit the master since the start or the last reset
     */
    public RedisNode awaitFailover() {
        return awaitFailover(topology.defaultFailoverTimeout());
    }

    /** {@link #awaitFailover()} with a deadline of its own. */
    public RedisNode awaitFailover(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        return topology.awaitFailover(timeout);
    }

    /**
     * Waits until a quorum of sentinels names {@code node} as master, for at most down-after + failover-timeout + 5 s.
     *
     * @throws ClusterNotHealthyException at the deadline, with what the sentinels named
     */
    public void awaitMaster(RedisNode node) {
        awaitMaster(node, topology.defaultFailoverTimeout());
    }

    /** {@link #awaitMaster(RedisNode)} with a deadline of its own. */
    public void awaitMaster(RedisNode node, Duration timeout) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        Node dataNode = topology.dataNodes().stream().filter(n -> n == node).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(node + " is no data node of this topology"));
        topology.awaitMaster(dataNode, timeout);
    }

    /**
     * A new failover drill on this topology: give it a load and a fault, then {@link Drill#run()} it.
     *
     * <pre>{@code
     * FailoverReport report = cluster.drill()
     *         .load(WriteLoad.everyMillis(10))
     *         .fault(Faults.killMaster())
     *         .run();
     * }</pre>
     */
    @Override
    public Drill drill() {
        ensureOpen();
        return new DrillRun(topology);
    }

    @Override
    public DrillListener.Registration addDrillListener(DrillListener listener) {
        ensureOpen();
        return topology.addListener(listener);
    }

    /** Stops every node and removes every file, container and network of the topology. Idempotent. */
    @Override
    public void close() {
        ClientResources resources;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            resources = clientResources;
        }
        try {
            if (resources != null) {
                resources.shutdown(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Lettuce client resources of '{}' did not shut down cleanly: {}", masterName(), e.toString());
        } finally {
            topology.close();
        }
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("topology '" + masterName() + "' is closed");
        }
    }

    @Override
    public String toString() {
        return "SentinelCluster[" + masterName() + ", " + topology.description() + "]";
    }
}
