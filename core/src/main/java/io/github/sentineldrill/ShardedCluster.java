package io.github.sentineldrill;

import io.github.sentineldrill.drill.Drill;
import io.github.sentineldrill.drill.DrillListener;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.InjectedFault;
import io.github.sentineldrill.internal.LettuceAddressMapping;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.cluster.ClusterTopology;
import io.github.sentineldrill.internal.compat.ClientLibraries;
import io.github.sentineldrill.internal.drill.DrillRun;
import io.github.sentineldrill.internal.runtime.BackendChoice;
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
 * A running Redis Cluster: shards of a master and its replicas, the 16384 hash slots split between the shards.
 *
 * <pre>{@code
 * try (ShardedCluster cluster = ShardedCluster.start(ShardedClusterSpec.builder().backend(Backend.LOCAL).build())) {
 *     RedisClusterClient client = RedisClusterClient.create(cluster.clientResources(), cluster.seedUris());
 *     try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
 *         connection.sync().set("cart:42", "3 items");
 *     } finally {
 *         client.shutdown();
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #start} returns once every node calls the cluster ok and every shard's master has taken a write that its
 * replicas acknowledged. Nodes announce addresses that work inside the topology; {@link #clientResources()} (Lettuce)
 * and {@link #addressMapper()} (Jedis, Redisson) map them to addresses the test JVM reaches, redirects included.
 * Master faults hit shard 0's master unless aimed elsewhere ({@code Faults.killMaster().onShard(2)}); drills write
 * into the shard their fault aims at. Instances are safe to use from several threads.
 */
public final class ShardedCluster implements RedisTopology {

    private static final Logger LOG = LoggerFactory.getLogger(ShardedCluster.class);

    private final ClusterTopology topology;
    private ClientResources clientResources;
    private boolean closed;

    private ShardedCluster(ClusterTopology topology) {
        this.topology = topology;
    }

    /**
     * Starts a Redis Cluster and returns once it is healthy and every shard takes writes.
     *
     * @throws InvalidClusterSpecException when the build names an unknown backend
     * @throws ClusterStartException       when the cluster cannot be started; nothing of it is left running
     */
    public static ShardedCluster start(ShardedClusterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        BackendChoice backend = BackendChoice.choose(spec.backend(), spec.image());
        return new ShardedCluster(ClusterTopology.start(spec, backend));
    }

    /** The spec this cluster was started from. */
    public ShardedClusterSpec spec() {
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

    /** Every node, reachable from the test JVM, as seeds: {@code RedisClusterClient.create(resources, uris)}. */
    public List<RedisURI> seedUris() {
        ensureOpen();
        return topology.seedUris();
    }

    /**
     * Lettuce {@link ClientResources} that map every address a node announces (in {@code CLUSTER SLOTS},
     * {@code CLUSTER NODES}, MOVED and ASK redirects) to one the test JVM reaches. Created on first use and shut down by
     * {@link #close()}; shut down clients that use it first.
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

    /** The same mapping, for {@code JedisCluster}'s {@code HostAndPortMapper} and Redisson's {@code NatMapper}. */
    @Override
    public AddressMapper addressMapper() {
        return topology.addressMapper();
    }

    /** Every shard now, in slot order: each with the node serving its slots and that node's replicas. */
    public List<Shard> shards() {
        ensureOpen();
        return topology.shardsNow().stream()
                .map(shard -> new Shard(shard.index(), shard.master(), List.copyOf(shard.replicas()),
                        List.of(shard.slots().toString())))
                .toList();
    }

    /** Every node, in start order: the first masters ({@code redis-0} serves shard 0), then their replicas. */
    @Override
    public List<RedisNode> dataNodes() {
        return List.copyOf(topology.dataNodes());
    }

    /**
     * Waits until every node says {@code cluster_state:ok} with every slot served, no node's view has a node failing
     * or disconnected, and every replica is linked to its shard's master.
     *
     * @throws ClusterNotHealthyException at the deadline, naming what was still wrong
     */
    @Override
    public void awaitHealthy(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        Waits.until("the cluster healthy", timeout, topology::problems);
    }

    /**
     * Injects a fault now and returns once it is in effect; closing the returned handle heals it. Faults on a master
     * or a replica aim at shard 0 unless told otherwise ({@code onShard}).
     *
     * @throws IllegalArgumentException when the fault does not fit this cluster (a shard it does not have,
     *                                  {@code killSentinels})
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
     * Heals every fault still in effect, restarts every node that is down (each rejoins from its own
     * {@code nodes.conf}), gives every shard its first master back ({@code CLUSTER FAILOVER} on it, which loses
     * nothing), and waits until the cluster is healthy.
     *
     * @throws ClusterNotHealthyException at the deadline, naming what was still wrong
     */
    @Override
    public void reset(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        long begin = System.nanoTime();
        topology.reset(timeout);
        LOG.info("Redis Cluster {} reset in {} ms", id(), (System.nanoTime() - begin) / 1_000_000);
    }

    /**
     * Waits until a replica of the shard whose master the last fault hit serves the shard's slots, for at most twice
     * the node-timeout + 5 s.
     *
     * @return the promoted replica
     * @throws IllegalStateException when no fault has hit a master since the start or the last reset
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
     * A new failover drill on this cluster. The built-in writer writes into one slot of the shard the fault aims at,
     * through a Lettuce cluster client tuned to follow a failover fast (see docs/redis-cluster.md).
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

    /** Stops every node and removes every file and container of the cluster. Idempotent. */
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
            LOG.warn("Lettuce client resources of cluster {} did not shut down cleanly: {}", id(), e.toString());
        } finally {
            topology.close();
        }
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cluster " + topology.id() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "ShardedCluster[" + topology.description() + "]";
    }
}
