package io.github.sentineldrill;

import io.github.sentineldrill.internal.ClusterHealth;
import io.github.sentineldrill.internal.NodeHandle;
import io.github.sentineldrill.internal.Topology;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.docker.DockerEngine;
import io.github.sentineldrill.internal.docker.DockerImages;
import io.github.sentineldrill.internal.docker.DockerTopology;
import io.github.sentineldrill.internal.local.LocalTopology;
import io.lettuce.core.RedisURI;
import io.lettuce.core.internal.HostAndPort;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.MappingSocketAddressResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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
    private ClientResources clientResources;
    private boolean closed;

    private SentinelCluster(ClusterSpec spec, Topology topology) {
        this.spec = spec;
        this.topology = topology;
        this.health = new ClusterHealth(spec, topology);
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
        return switch (spec.backend()) {
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
            AddressMapper mapper = topology.addressMapper();
            Function<HostAndPort, HostAndPort> mapping = hostAndPort -> {
                        NodeAddress mapped = mapper.map(hostAndPort.getHostText(), hostAndPort.getPort());
                        return HostAndPort.of(mapped.host(), mapped.port());
                    };
            MappingSocketAddressResolver resolver = MappingSocketAddressResolver.create(mapping);
            clientResources = DefaultClientResources.builder().socketAddressResolver(resolver).build();
        }
        return clientResources;
    }

    /** Maps addresses that nodes and sentinels hand out to addresses the test JVM reaches, for any client library. */
    public AddressMapper addressMapper() {
        return topology.addressMapper();
    }

    /**
     * The data node the sentinels currently report as master (most sentinels' answer if they differ).
     *
     * @throws SentinelDrillException when no sentinel answers, or they name no node of this topology
     */
    public RedisNode master() {
        ensureOpen();
        NodeAddress address = health.reportedMaster();
        return topology.dataNodes().stream()
                .filter(node -> node.address().equals(address))
                .findFirst()
                .orElseThrow(() -> new SentinelDrillException("The sentinels report " + address
                        + " as master of '" + spec.masterName() + "', which is no node of this topology"));
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
