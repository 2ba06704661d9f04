package io.github.sentineldrill.drill;

import io.github.sentineldrill.fault.Fault;

import java.time.Duration;

/**
 * A failover drill on a running topology: a write load, a fault, and a report of what came of it. Get one from
 * {@code cluster.drill()}.
 *
 * <pre>{@code
 * FailoverReport report = cluster.drill()
 *         .load(WriteLoad.everyMillis(10))
 *         .fault(Faults.killMaster())
 *         .timeout(Duration.ofSeconds(30))
 *         .run();
 * }</pre>
 *
 * <p>{@link #run()} starts recording the topology's events, starts the load, lets it run for the warm-up, injects the
 * fault, keeps writing until the client has recovered (or the timeout), stops the load, heals the fault, resets the
 * topology, waits for the replicas to have what the masters have, looks up every write that may have been applied,
 * and tells the topology's {@link DrillListener}s. The client has recovered when the fault has healed by itself or
 * was instant, the client is not interrupted now, and: the topology failed over, a write was acknowledged after that,
 * and if the fault interrupted the client, it has gone 10 periods (at least 300 ms) without an interruption since; or
 * without a failover, that the client has gone as long without an interruption after the fault interrupted it (after
 * three times the failure detection time, down-after or node-timeout, for a fault on a master, which may still fail
 * over), or that nothing happened for three times the failure detection time. Figures are defined on
 * {@link FailoverReport}.
 */
public interface Drill {

    /** The writes to make while the fault is in effect. */
    Drill load(WriteLoad load);

    /** The fault to inject. */
    Drill fault(Fault fault);

    /** How long the client may take to recover after the injection; 30 s by default, at most 10 minutes. */
    Drill timeout(Duration timeout);

    /** How long the load runs before the fault is injected; 1 s by default, at most 10 minutes. */
    Drill warmUp(Duration warmUp);

    /**
     * Runs the drill. A drill whose client does not recover in time still returns its report: its recovery time and
     * write outage are then not measured, and no bound passes on them. A drill whose writes cannot be verified returns
     * its report with the lost writes not measured. The topology is healed and reset whatever happens.
     *
     * @throws IllegalStateException  when the load or the fault is missing
     * @throws io.github.sentineldrill.SentinelDrillException when the load cannot write at all before the fault
     * @throws Error                  what the load's own code threw that was no exception (an {@link AssertionError}
     *                                of the team's check), after the topology was healed and reset
     */
    FailoverReport run();
}
