package io.github.sentineldrill;

import io.github.sentineldrill.drill.Drill;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.InjectedFault;
import io.github.sentineldrill.internal.BackendOverride;
import io.github.sentineldrill.internal.ClusterHealth;
import io.github.sentineldrill.internal.LettuceAddressMapping;
import io.github.sentineldrill.internal.NodeHandle;
import io.github.sentineldrill.internal.Topology;
import io.github.sentineldrill.internal.TopologyFaults;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.docker.DockerEngine;
import io.github.sentineldrill.internal.docker.DockerImages;
import io.github.sentineldrill.internal.docker.DockerTopology;
import io.github.sentineldrill.internal.local.LocalTopology;
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
 * process, and, as a last resort, by the sweep of leftovers when the next topology starts.
 * Instances are safe to use from several threads.
 */
public final class SentinelCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SentinelCluster.class);
    /** How long AUTO lets an absent image be pulled before it runs the topology LOCAL instead. */
    private static final Duration AUTO_IMAGE_TIMEOUT = Duration.ofSeconds(15);

    private final ClusterSpec spec;
    private final Topology topology;
    private final ClusterHealth health;
    private final TopologyFaults faults;
    private ClientResources clientResources;
    private boolean closed;

    private SentinelCluster(ClusterSpec spec, Topology topology) {
        this.spec = spec;
        this.topology = topology;
        this.health = new ClusterHealth(spec, topology);
        this.faults = new TopologyFaults(spec, topology, health);
    }

    /**
     * Starts a topology and returns once it is healthy.
     *
     * @throws InvalidClusterSpecException when the spec asks for something this version cannot do
     * @throws ClusterStartException       when the topology cannot be started; nothing of it is left running
     */
    public static SentinelCluster start(ClusterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Backend backend = chooseBackend(spec);
        return new SentinelCluster(spec, switch (backend) {
            case LOCAL -> LocalTopology.start(spec);
            case DOCKER -> DockerTopology.start(spec);
            case AUTO -> throw new IllegalStateException("AUTO is resolved to LOCAL or DOCKER before this point");
        });
    }

    private static Backend chooseBackend(ClusterSpec spec) {
        Backend requested = spec.backend() == Backend.AUTO ? BackendOverride.forAuto().orElse(Backend.AUTO)
                : spec.backend();
        return switch (requested) {
            case LOCAL -> Backend.LOCAL;
            case DOCKER -> {
                if (!DockerEngine.isAvailable()) {
                    throw new ClusterStartException("backend DOCKER needs a working Docker engine, and Testcontainers"
                            + " found none: " + DockerEngine.whyUnavailable()
                            + ". Start one, or use backend LOCAL or AUTO.");
                }
                yield Backend.DOCKER;
            }
            case AUTO -> {
                if (!DockerEngine.isAvailable()) {
                    LOG.info("Backend AUTO chose LOCAL: no working Docker engine ({})", DockerEngine.whyUnavailable());
                    yield Backend.LOCAL;
                }
                try {
                    String image = DockerImages.ensureAvailable(spec, AUTO_IMAGE_TIMEOUT);
                    LOG.info("Backend AUTO chose DOCKER: Testcontainers found a working Docker engine and image {}",
                            image);
                    yield Backend.DOCKER;
                } catch (ClusterStartException e) {
                    LOG.warn("Backend AUTO chose LOCAL: Docker works, but {}", e.getMessage());
                    yield Backend.LOCAL;
                }
            }
        };
    }

    /** The spec this topology was started from. */
    public ClusterSpec spec() {
        return spec;
    }

    /** The backend that runs the nodes: {@link Backend#LOCAL} or {@link Backend#DOCKER}, never AUTO. */
    public Backend backend() {
        return topology.backend();
    }

    /**
     * An id unique to this topology, to find what belongs to it: the name of its directory under the LOCAL backend's
     * base directory (its processes' command lines name it), or the value of the {@code io.github.sentineldrill.topology}
     * label on its containers and network (DOCKER).
     */
    public String id() {
        return topology.id();
    }

    /** The name the sentinels monitor the master under, {@code mymaster} by default. */
    public String masterName() {
        return spec.masterName();
    }

    /**
     * A new {@code redis-sentinel://} URI listing every sentinel, reachable from the test JVM, for the master name.
     * A plain Lettuce {@code RedisClient.create(uri)} can use it as is (with the 5 second command timeout
     * described at {@link RedisNode#uri()}).
     */
    public RedisURI sentinelUri() {
        List<NodeHandle> sentinels = topology.sentinels();
        RedisURI.Builder builder = null;
        for (NodeHandle sentinel : sentinels) {
            NodeAddress reachable = sentinel.reachableAddress();
            builder = builder == null
                    ? RedisURI.Builder.sentinel(reachable.host(), reachable.port(), spec.masterName())
                    : builder.withSentinel(reachable.host(), reachable.port());
        }
        return Objects.requireNonNull(builder).withTimeout(NodeHandle.URI_TIMEOUT).build();
    }

    /**
     * Lettuce {@link ClientResources} whose address resolution maps every address a sentinel may hand out to one the
     * test JVM can reach (see {@link #addressMapper()}). Created on first use and shut down by {@link #close()}; shut
     * down clients that use it before closing the cluster.
     */
    public synchronized ClientResources clientResources() {
        ensureOpen();
        if (clientResources == null) {
            clientResources = DefaultClientResources.builder()
                    .socketAddressResolver(LettuceAddressMapping.resolver(topology.addressMapper()))
                    .build();
        }
        return clientResources;
    }

    /** Maps addresses that nodes and sentinels hand out to addresses the test JVM reaches, for any client library. */
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
        return faults.currentMaster();
    }

    /** The data nodes other than the {@link #master()}, in start order. */
    public List<RedisNode> replicas() {
        RedisNode master = master();
        return topology.dataNodes().stream().filter(node -> node != master).map(RedisNode.class::cast).toList();
    }

    /** Every data node, master and replicas, in start order: {@code redis-0} was the first master. */
    public List<RedisNode> dataNodes() {
        return List.copyOf(topology.dataNodes());
    }

    /** The sentinels, in start order. */
    public List<RedisNode> sentinels() {
        return List.copyOf(topology.sentinels());
    }

    /**
     * Waits until every node is up, every replica is linked to the master, and every sentinel agrees on that master
     * and knows every replica and every other sentinel.
     *
     * @throws ClusterNotHealthyException at the deadline, naming what was still wrong
     */
    public void awaitHealthy(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        Waits.until("topology '" + spec.masterName() + "' healthy", timeout, health::problems);
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
    public InjectedFault inject(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        ensureOpen();
        return faults.inject(fault);
    }

    /**
     * Brings the topology back to its original shape within the spec's start timeout: see {@link #reset(Duration)}.
     */
    public void reset() {
        reset(spec.startTimeout());
    }

    /**
     * Heals every fault still in effect and waits until the topology is healthy with its original shape: nodes that are
     * down are started again on their addresses (data nodes as replicas), frozen nodes resumed, partitions lifted,
     * every data node made a replica of the master the sentinels agree on, and, if a fault hit the master, every
     * sentinel told {@code SENTINEL RESET} so that the next failover is not held back by the last one (Sentinel waits
     * twice the failover-timeout between failovers of one master). The master may be another node than before.
     *
     * @throws ClusterNotHealthyException at the deadline, naming what was still wrong
     */
    public void reset(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        long begin = System.nanoTime();
        faults.reset(timeout);
        LOG.info("Topology '{}' reset in {} ms; master is {}", spec.masterName(),
                (System.nanoTime() - begin) / 1_000_000, faults.currentMaster().name());
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
        return awaitFailover(faults.defaultFailoverTimeout());
    }

    /** {@link #awaitFailover()} with a deadline of its own. */
    public RedisNode awaitFailover(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        return faults.awaitFailover(timeout);
    }

    /**
     * Waits until a quorum of sentinels names {@code node} as master, for at most down-after + failover-timeout + 5 s.
     *
     * @throws ClusterNotHealthyException at the deadline, with what the sentinels named
     */
    public void awaitMaster(RedisNode node) {
        awaitMaster(node, faults.defaultFailoverTimeout());
    }

    /** {@link #awaitMaster(RedisNode)} with a deadline of its own. */
    public void awaitMaster(RedisNode node, Duration timeout) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        NodeHandle handle = topology.dataNodes().stream().filter(n -> n == node).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(node + " is no data node of this topology"));
        faults.awaitMaster(handle, timeout);
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
    public Drill drill() {
        ensureOpen();
        return new Drill(this);
    }

    /** Stops every node and removes every file of the topology. Idempotent. */
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
            LOG.warn("Lettuce client resources of '{}' did not shut down cleanly: {}", spec.masterName(), e.toString());
        } finally {
            faults.close();
            topology.close();
        }
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("topology '" + spec.masterName() + "' is closed");
        }
    }

    @Override
    public String toString() {
        return "SentinelCluster[" + spec.masterName() + ", " + topology.description() + "]";
    }
}
