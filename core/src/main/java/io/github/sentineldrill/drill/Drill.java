package io.github.sentineldrill.drill;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.RedisNode;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.InjectedFault;
import io.github.sentineldrill.internal.RespConnection;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.drill.LettuceWriter;
import io.github.sentineldrill.internal.drill.SentinelEventRecorder;
import io.github.sentineldrill.internal.drill.WriteLoop;
import io.github.sentineldrill.internal.drill.Writer;
import io.github.sentineldrill.internal.report.DrillReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A failover drill on a running topology: a write load, a fault, and a report of what came of it.
 *
 * <pre>{@code
 * FailoverReport report = cluster.drill()
 *         .load(WriteLoad.everyMillis(10))
 *         .fault(Faults.killMaster())
 *         .timeout(Duration.ofSeconds(30))
 *         .run();
 * }</pre>
 *
 * <p>{@link #run()} subscribes to every sentinel's events, starts the load, lets it run for the warm-up, injects the
 * fault, keeps writing until the client has recovered (or the timeout), heals the fault, resets the topology, waits for
 * the replicas to acknowledge what the master has ({@code WAIT}), and looks up every write that may have been applied.
 * The client has recovered when, after the fault has healed by itself or was instant: a write failed and a later one
 * was acknowledged; or no write failed, a failover happened and a write was acknowledged after it; or no write failed
 * and no failover happened for three times down-after.
 */
public final class Drill {

    private static final Logger LOG = LoggerFactory.getLogger(Drill.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Longest a drill's write load may run, whatever its timeout: every load loop is bounded. */
    private static final Duration MAX_LOAD_TIME = Duration.ofMinutes(10);
    private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(5);

    private final SentinelCluster cluster;
    private WriteLoad load;
    private Fault fault;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration warmUp = Duration.ofSeconds(1);

    /** Use {@code cluster.drill()}. */
    public Drill(SentinelCluster cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    public Drill load(WriteLoad load) {
        this.load = Objects.requireNonNull(load, "load");
        return this;
    }

    public Drill fault(Fault fault) {
        this.fault = Objects.requireNonNull(fault, "fault");
        return this;
    }

    /** How long the client may take to recover after the injection; 30 s by default. */
    public Drill timeout(Duration timeout) {
        this.timeout = positive("timeout", timeout, MAX_LOAD_TIME);
        return this;
    }

    /** How long the load runs before the fault is injected; 1 s by default. */
    public Drill warmUp(Duration warmUp) {
        this.warmUp = positive("warmUp", warmUp, MAX_LOAD_TIME);
        return this;
    }

    /**
     * Runs the drill. A drill whose client does not recover in time still returns its report, with
     * {@link FailoverReport#recovered()} false.
     *
     * @throws IllegalStateException  when the load or the fault is missing
     * @throws SentinelDrillException when the load cannot write at all before the fault, or the topology cannot be
     *                                brought back to verify the writes
     */
    public FailoverReport run() {
        if (load == null || fault == null) {
            throw new IllegalStateException("A drill needs a load and a fault: call load(WriteLoad) and fault(Fault)"
                    + " before run(); load = " + load + ", fault = " + fault);
        }
        String runId = HexFormat.of().formatHex(randomBytes());
        List<SentinelEvent> timeline = new ArrayList<>();
        try (SentinelEventRecorder events = SentinelEventRecorder.start(cluster);
             Writer writer = load.builtIn() ? LettuceWriter.open(cluster, runId, events) : new CustomWriter(load)) {
            String oldMaster = cluster.master().name();
            WriteLoop loop = new WriteLoop(writer, load.period(), warmUp.plus(timeout).plus(Duration.ofMinutes(1)));
            long injectedAt;
            boolean recovered;
            InjectedFault injected;
            try (loop) {
                loop.start();
                awaitWarmUp(loop);
                injected = cluster.inject(fault);
                injectedAt = injected.injectedAtNanos();
                loop.mark(injectedAt);
                recovered = awaitRecovery(loop, events, injected);
            }
            injected.close();
            timeline.add(new SentinelEvent(Duration.ofNanos(System.nanoTime() - injectedAt), "drill",
                    SentinelEvent.FAULT_HEALED, fault.toString()));
            cluster.reset();
            RedisNode newMaster = cluster.master();
            awaitReplicas(newMaster);
            List<WriteRecord> writes = verify(writer, loop.attempts(), injectedAt);
            timeline.add(new SentinelEvent(Duration.ZERO, "drill", SentinelEvent.FAULT_INJECTED, fault.toString()));
            addClientEvents(timeline, loop, injectedAt);
            for (SentinelEventRecorder.Received event : events.received()) {
                timeline.add(new SentinelEvent(Duration.ofNanos(event.atNanos() - injectedAt), event.sentinel(),
                        event.type(), event.details()));
            }
            FailoverReport report = new FailoverReport(cluster.spec(), fault, load, oldMaster, newMaster.name(),
                    recovered, timeline, writes);
            DrillReports.record(report);
            return report;
        }
    }

    private void awaitWarmUp(WriteLoop loop) {
        long begin = System.nanoTime();
        Duration limit = warmUp.plus(Duration.ofSeconds(10));
        Waits.until("the load's warm-up of " + warmUp.toMillis() + " ms with an acknowledged write", limit, () -> {
            if (loop.acknowledged() == 0) {
                return List.of("no write acknowledged yet; the last error: " + loop.lastError());
            }
            return System.nanoTime() - begin < warmUp.toNanos() ? List.of("warming up") : List.of();
        });
    }

    private boolean awaitRecovery(WriteLoop loop, SentinelEventRecorder events, InjectedFault injected) {
        long quietNanos = cluster.spec().downAfter().multipliedBy(3).toNanos();
        try {
            Waits.until("the client recovered from " + fault, timeout, () -> {
                if (fault.duration().isPresent() && !injected.isHealed()) {
                    return List.of(fault + " still in effect");
                }
                if (loop.firstFailureNanos() >= 0) {
                    return loop.recoveredNanos() >= 0 ? List.of()
                            : List.of("no write acknowledged since the first failure; the last error: "
                            + loop.lastError());
                }
                long switched = events.firstNanos("+switch-master");
                if (switched >= 0) {
                    return loop.lastAcknowledgedNanos() > switched ? List.of()
                            : List.of("no write acknowledged since +switch-master");
                }
                return System.nanoTime() - injected.injectedAtNanos() >= quietNanos ? List.of()
                        : List.of("no failed write and no failover yet");
            });
            return true;
        } catch (SentinelDrillException timedOut) {
            LOG.warn("Drill: {}", timedOut.getMessage());
            return false;
        }
    }

    /** Waits until every replica has acknowledged the master's replication offset, so nothing is in flight. */
    private void awaitReplicas(RedisNode master) {
        int replicas = cluster.spec().replicas();
        if (replicas == 0) {
            return;
        }
        NodeAddress reachable = NodeAddress.of(master.uri().getHost(), master.uri().getPort());
        try (RespConnection connection = RespConnection.open(reachable, BARRIER_TIMEOUT.plusSeconds(1))) {
            Object acknowledged = connection.call("WAIT", String.valueOf(replicas),
                    String.valueOf(BARRIER_TIMEOUT.toMillis()));
            if (!Long.valueOf(replicas).equals(acknowledged)) {
                LOG.warn("Drill: only {} of {} replicas acknowledged the master's offset within {} ms", acknowledged,
                        replicas, BARRIER_TIMEOUT.toMillis());
            }
        } catch (IOException e) {
            throw new SentinelDrillException("Could not wait for the replicas of " + master.name() + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<WriteRecord> verify(Writer writer, List<WriteLoop.Attempt> attempts, long injectedAt) {
        List<Long> toLookUp = attempts.stream()
                .filter(a -> a.outcome() != WriteOutcome.FAILED)
                .map(WriteLoop.Attempt::sequence)
                .toList();
        List<Boolean> present;
        try {
            present = writer.present(toLookUp);
        } catch (Exception e) {
            throw new SentinelDrillException("Could not verify the drill's writes: " + e, e);
        }
        List<WriteRecord> records = new ArrayList<>(attempts.size());
        int next = 0;
        for (WriteLoop.Attempt attempt : attempts) {
            boolean found = attempt.outcome() != WriteOutcome.FAILED && present.get(next++);
            records.add(new WriteRecord(attempt.sequence(), Duration.ofNanos(attempt.sentNanos() - injectedAt),
                    Duration.ofNanos(attempt.completedNanos() - injectedAt), attempt.outcome(), found));
        }
        return records;
    }

    private static void addClientEvents(List<SentinelEvent> timeline, WriteLoop loop, long injectedAt) {
        if (loop.firstFailureNanos() >= 0) {
            timeline.add(new SentinelEvent(Duration.ofNanos(loop.firstFailureNanos() - injectedAt), "client",
                    SentinelEvent.FIRST_FAILED_WRITE, ""));
        }
        if (loop.recoveredNanos() >= 0) {
            timeline.add(new SentinelEvent(Duration.ofNanos(loop.recoveredNanos() - injectedAt), "client",
                    SentinelEvent.CLIENT_RECOVERED, ""));
        }
    }

    /** The team's own write and verify code. */
    private static final class CustomWriter implements Writer {
        private final WriteLoad load;

        CustomWriter(WriteLoad load) {
            this.load = load;
        }

        @Override
        public void write(long sequence) throws Exception {
            load.write().write(sequence);
        }

        @Override
        public List<Boolean> present(List<Long> sequences) throws Exception {
            List<Boolean> present = new ArrayList<>(sequences.size());
            for (long sequence : sequences) {
                present.add(load.verify().exists(sequence));
            }
            return present;
        }

        @Override
        public void close() {
        }
    }

    private static Duration positive(String name, Duration value, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " = " + value + "; allowed: more than 0, at most " + max);
        }
        return value;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
