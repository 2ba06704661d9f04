package io.github.sentineldrill.internal.drill;

import io.github.sentineldrill.drill.DrillListener;
import io.github.sentineldrill.drill.DrillTopology;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.InjectedFault;

import java.time.Duration;
import java.util.List;

/**
 * What a drill needs of a topology, whatever its kind: the drill's port. A Sentinel topology and a Redis Cluster each
 * implement it; the drill's logic ({@link DrillRun}) knows nothing else of them, and its tests run it on a scripted
 * runtime.
 */
public interface DrillRuntime {

    /** The topology as the report names it. */
    DrillTopology describe();

    /** How long a master must be unreachable before the topology acts on it: down-after, node-timeout. */
    Duration failureDetection();

    /** The event whose first occurrence after the injection means the topology failed over. */
    String failoverEvent();

    /** The name of the master {@code fault} will aim at if injected now, such as {@code redis-0}. */
    String masterFor(Fault fault);

    /** Starts recording the topology's events; recording when it returns. */
    TopologyEvents openEvents();

    /**
     * The built-in writer of this kind of topology, following the failovers {@code events} reports; on a Redis
     * Cluster it writes into the shard {@code fault} aims at.
     */
    Writer builtInWriter(String runId, TopologyEvents events, Fault fault);

    /** Injects {@code fault}; returns once it is in effect. */
    InjectedFault inject(Fault fault);

    /** Heals every fault and brings the topology back to a healthy full shape. */
    void reset();

    /** After a reset: waits until every replica has acknowledged what its master has, so nothing is in flight. */
    void awaitReplicated();

    /** The listeners to tell about a finished drill. */
    List<DrillListener> listeners();
}
