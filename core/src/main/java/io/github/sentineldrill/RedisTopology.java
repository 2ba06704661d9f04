package io.github.sentineldrill;

import io.github.sentineldrill.drill.Drill;
import io.github.sentineldrill.drill.DrillListener;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.InjectedFault;
import io.lettuce.core.resource.ClientResources;

import java.time.Duration;
import java.util.List;

/**
 * What every running topology offers, whatever its kind: a {@link SentinelCluster} (a master, its replicas and their
 * sentinels) or a {@link ShardedCluster} (a Redis Cluster). Code that drills either can take this type.
 *
 * <p>{@link #close} stops every node and removes every file and container; a topology whose JVM dies without closing
 * it is cleaned up by a watchdog process, and, as a last resort, by the sweep of leftovers when the next topology
 * starts. Instances are safe to use from several threads: changes of the nodes (injecting and healing faults,
 * {@code reset()}) happen one at a time, reads never wait for them.
 */
public interface RedisTopology extends AutoCloseable {

    /** The backend that runs the nodes: {@link Backend#LOCAL} or {@link Backend#DOCKER}, never AUTO. */
    Backend backend();

    /**
     * Why that backend, in words: {@code "requested"}, or what AUTO found, such as {@code "AUTO chose LOCAL: no
     * working Docker engine (...)"}. Drill reports and summaries carry it too.
     */
    String backendChoice();

    /**
     * An id unique to this topology, to find what belongs to it: the name of its directory under the LOCAL backend's
     * base directory (its processes' command lines name it), or the value of the {@code io.github.sentineldrill.topology}
     * label on its containers and network (DOCKER).
     */
    String id();

    /** Maps addresses that nodes hand out to addresses the test JVM reaches, for any client library. */
    AddressMapper addressMapper();

    /**
     * Lettuce {@link ClientResources} whose address resolution applies {@link #addressMapper()}. Created on first use
     * and shut down by {@link #close()}; shut down clients that use it before closing the topology.
     *
     * @throws SentinelDrillException when the build's Lettuce cannot run on its Netty, saying how to fix it
     */
    ClientResources clientResources();

    /** Every Redis data node, in start order (sentinels are not data nodes). */
    List<RedisNode> dataNodes();

    /**
     * Waits until the topology is healthy: every node up, every replica linked, and every node of the topology
     * (sentinels, cluster nodes) agreeing on the shape.
     *
     * @throws ClusterNotHealthyException at the deadline, naming what was still wrong
     */
    void awaitHealthy(Duration timeout);

    /**
     * Injects a fault now and returns once it is in effect; closing the returned handle heals it.
     *
     * @throws IllegalArgumentException when the fault does not fit this topology
     * @throws IllegalStateException    when its target is down or frozen already
     */
    InjectedFault inject(Fault fault);

    /** Brings the topology back to a healthy full shape within the spec's start timeout; see {@link #reset(Duration)}. */
    void reset();

    /**
     * Heals every fault still in effect and waits until the topology is healthy with its full shape: nodes that are
     * down are started again on their addresses, frozen nodes resumed, partitions lifted.
     *
     * @throws ClusterNotHealthyException at the deadline, naming what was still wrong
     */
    void reset(Duration timeout);

    /** A new failover drill on this topology: give it a load and a fault, then {@link Drill#run()} it. */
    Drill drill();

    /**
     * Tells {@code listener} about every drill on this topology, until the registration is closed. The JUnit extension
     * registers one per test method, which prints each drill's summary and writes its report files.
     */
    DrillListener.Registration addDrillListener(DrillListener listener);

    /** Stops every node and removes every file and container of the topology. Idempotent. */
    @Override
    void close();
}
