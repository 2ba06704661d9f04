package io.github.sentineldrill.internal.drill;

import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.drill.Drill;
import io.github.sentineldrill.drill.DrillListener;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.SentinelEvent;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.drill.WriteOutcome;
import io.github.sentineldrill.drill.WriteRecord;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.InjectedFault;
import io.github.sentineldrill.internal.Durations;
import io.github.sentineldrill.internal.Waits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The drill's logic, on any topology through its {@link DrillRuntime}. See {@link Drill} for what {@link #run()}
 * does. It keeps what it measured whatever fails: the topology is healed and reset in every case, a report is made as
 * soon as the fault was injected, and the listeners get it before anything is thrown.
 */
public final class DrillRun implements Drill {

    private static final Logger LOG = LoggerFactory.getLogger(DrillRun.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Longest a drill's write load may run, whatever its timeout: every load loop is bounded. */
    private static final Duration MAX_LOAD_TIME = Duration.ofMinutes(10);
    /** How long a stopped load waits for the write in flight before it gives it up. */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final Duration RECOVERY_POLL = Duration.ofMillis(5);
    /** How long a custom load's {@code verify} that threw waits before it is called again. */
    private static final Duration VERIFY_RETRY = Duration.ofMillis(50);
    /** How long after the drill's timeout a lookup of the writes that has not returned is given up. */
    private static final Duration VERIFY_GRACE = Duration.ofSeconds(10);
    /** The client must have gone this long, and this many periods, without an interruption to have recovered. */
    static final Duration STEADY_AT_LEAST = Duration.ofMillis(300);
    static final int STEADY_PERIODS = 10;

    private final DrillRuntime runtime;
    private WriteLoad load;
    private Fault fault;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration warmUp = Duration.ofSeconds(1);
    private Duration verifyGrace = VERIFY_GRACE;

    public DrillRun(DrillRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public Drill load(WriteLoad load) {
        this.load = Objects.requireNonNull(load, "load");
        return this;
    }

    @Override
    public Drill fault(Fault fault) {
        this.fault = Objects.requireNonNull(fault, "fault");
        return this;
    }

    @Override
    public Drill timeout(Duration timeout) {
        this.timeout = positive("timeout", timeout);
        return this;
    }

    @Override
    public Drill warmUp(Duration warmUp) {
        this.warmUp = positive("warmUp", warmUp);
        return this;
    }

    /** For tests: how long after the timeout a lookup that has not returned is given up. */
    DrillRun verifyGrace(Duration grace) {
        this.verifyGrace = Objects.requireNonNull(grace, "grace");
        return this;
    }

    @Override
    public FailoverReport run() {
        if (load == null || fault == null) {
            throw new IllegalStateException("A drill needs a load and a fault: call load(WriteLoad) and fault(Fault)"
                    + " before run(); load = " + load + ", fault = " + fault);
        }
        String runId = HexFormat.of().formatHex(randomBytes());
        List<SentinelEvent> drillEvents = new ArrayList<>();
        TopologyEvents events = null;
        Writer writer = null;
        WriteLoop loop = null;
        InjectedFault injected = null;
        String oldMaster = null;
        RuntimeException failure = null;
        Error failureError = null;
        long loadEnd;
        try {
            events = runtime.openEvents();
            writer = load.builtIn() ? runtime.builtInWriter(runId, events, fault) : new CustomWriter(load, timeout);
            oldMaster = runtime.masterFor(fault);
            loop = new WriteLoop(writer, load.period(), warmUp.plus(timeout).plus(Duration.ofMinutes(1)));
            loop.start();
            awaitWarmUp(loop);
            injected = runtime.inject(fault);
            awaitRecovery(loop, events, injected);
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failureError = e;
        } finally {
            loadEnd = loop == null ? System.nanoTime() : loop.stop(STOP_GRACE);
        }
        long injectedAt = injected == null ? loadEnd : injected.injectedAtNanos();
        drillEvents.add(drillEvent(loadEnd, injectedAt, SentinelEvent.LOAD_STOPPED, load.toString()));
        // Before the heal and the reset, which may give the shard its first master back.
        String newMaster = injected == null ? null : masterNow();
        if (injected != null) {
            boolean selfHealed = injected.isHealed();
            try {
                injected.close();
            } catch (RuntimeException e) {
                LOG.warn("Drill: could not heal {}: {}", fault, e.toString());
            }
            drillEvents.add(drillEvent(System.nanoTime(), injectedAt, SentinelEvent.FAULT_HEALED,
                    fault + (selfHealed ? ", which had run its course" : "")));
        }
        String resetFailure = reset();
        try {
            if (injected == null) {
                // Nothing was injected (the warm-up found no writable master, the fault was refused): no report.
                if (failureError != null) {
                    throw failureError;
                }
                throw failure != null ? failure : new IllegalStateException("the drill injected nothing");
            }
            Verification verification = resetFailure != null
                    ? Verification.failed("the topology could not be reset after the drill: " + resetFailure)
                    : verify(writer, loop.attempts());
            if (newMaster == null) {
                newMaster = runtime.masterFor(fault);
            }
            FailoverReport report = report(oldMaster, newMaster, events, drillEvents, loop, injectedAt, loadEnd,
                    verification);
            tell(report);
            Error fatal = loop.fatal() != null ? loop.fatal() : verification.fatal();
            if (fatal != null) {
                fatal.addSuppressed(new DrillInterrupted(report));
                throw fatal;
            }
            if (failureError != null) {
                failureError.addSuppressed(new DrillInterrupted(report));
                throw failureError;
            }
            if (failure != null) {
                failure.addSuppressed(new DrillInterrupted(report));
                throw failure;
            }
            return report;
        } finally {
            if (writer != null) {
                writer.close();
            }
            if (events != null) {
                events.close();
            }
        }
    }

    /** The master of the fault's shard now; null if the topology could not tell (asked again after the reset). */
    private String masterNow() {
        try {
            return runtime.masterFor(fault);
        } catch (RuntimeException e) {
            LOG.warn("Drill: the master when the load stopped is unknown: {}", e.toString());
            return null;
        }
    }

    /** Resets the topology; the reason it could not, or null. */
    private String reset() {
        try {
            runtime.reset();
            return null;
        } catch (RuntimeException e) {
            LOG.warn("Drill: the topology could not be reset: {}", e.getMessage());
            return e.getMessage();
        }
    }

    private void awaitWarmUp(WriteLoop loop) {
        long begin = System.nanoTime();
        Duration limit = warmUp.plus(Duration.ofSeconds(10));
        Waits.until("the load's warm-up of " + warmUp.toMillis() + " ms with an acknowledged write", limit, () -> {
            if (loop.fatal() != null) {
                throw loop.fatal();
            }
            if (loop.acknowledged() == 0) {
                return List.of("no write acknowledged yet; the last error: " + loop.lastError());
            }
            return System.nanoTime() - begin < warmUp.toNanos() ? List.of("warming up") : List.of();
        });
    }

    /**
     * Waits until the client has recovered (see {@link Drill}), the load ended by itself, or the timeout. Decided on
     * the same {@link ClientTimeline} as the report's figures.
     */
    private void awaitRecovery(WriteLoop loop, TopologyEvents events, InjectedFault injected) {
        long injectedAt = injected.injectedAtNanos();
        long deadline = injectedAt + timeout.toNanos();
        long quietNanos = runtime.failureDetection().multipliedBy(3).toNanos();
        while (true) {
            long now = System.nanoTime();
            if (loop.fatal() != null || loop.ended() || recovered(loop, events, injected, now, quietNanos)) {
                return;
            }
            if (now >= deadline) {
                LOG.info("Drill: the client had not recovered from {} within {}; the last error: {}", fault,
                        Durations.format(timeout), loop.lastError());
                return;
            }
            LockSupport.parkNanos(RECOVERY_POLL.toNanos());
        }
    }

    private boolean recovered(WriteLoop loop, TopologyEvents events, InjectedFault injected, long now,
                              long quietNanos) {
        long injectedAt = injected.injectedAtNanos();
        if (fault.duration().isPresent() && !injected.isHealed()) {
            return false;
        }
        List<WriteRecord> records = records(loop.attemptsSince(injectedAt), injectedAt, List.of());
        Duration elapsed = Duration.ofNanos(now - injectedAt);
        ClientTimeline client = ClientTimeline.of(records, load.period(), elapsed);
        if (client.outageOpen()) {
            return false;
        }
        boolean steady = client.recovery().map(end -> elapsed.minus(end).compareTo(steadyWindow()) >= 0)
                .orElse(false);
        long failedOver = events.seen().stream()
                .filter(e -> e.type().equals(runtime.failoverEvent()) && e.atNanos() >= injectedAt)
                .mapToLong(TopologyEvents.Seen::atNanos).min().orElse(-1);
        if (failedOver >= 0) {
            Duration since = Duration.ofNanos(failedOver - injectedAt);
            boolean acknowledgedSince = records.stream().anyMatch(w -> w.outcome() == WriteOutcome.ACKNOWLEDGED
                    && w.completedAt().compareTo(since) > 0);
            return acknowledgedSince && (!client.interrupted() || steady);
        }
        boolean quiet = now - injectedAt >= quietNanos;
        if (!client.interrupted()) {
            return quiet;
        }
        // A fault on a master that did not fail over (a short freeze, a quick restart) may still: wait the quiet time.
        return steady && (quiet || !fault.targetsMaster());
    }

    /**
     * How long the client must go without an interruption before the drill believes it recovered: one acknowledgement
     * after failures says little when the load's keys span shards (a write to a healthy shard succeeds while the failed
     * shard's writes still fail).
     */
    private Duration steadyWindow() {
        Duration periods = load.period().multipliedBy(STEADY_PERIODS);
        return periods.compareTo(STEADY_AT_LEAST) > 0 ? periods : STEADY_AT_LEAST;
    }

    /**
     * Looks the writes up, on a thread of its own: a lookup that never returns leaves the writes not verified
     * {@link #VERIFY_GRACE} after the drill's timeout, rather than the drill hung.
     */
    private Verification verify(Writer writer, List<WriteLoop.Attempt> attempts) {
        try {
            runtime.awaitReplicated();
        } catch (RuntimeException e) {
            LOG.warn("Drill: the replicas may not have everything their masters have: {}", e.getMessage());
        }
        List<Long> toLookUp = attempts.stream()
                .filter(a -> a.outcome() != WriteOutcome.FAILED)
                .map(WriteLoop.Attempt::sequence)
                .toList();
        FutureTask<List<Boolean>> lookUp = new FutureTask<>(() -> writer.present(toLookUp));
        Thread thread = new Thread(lookUp, "sentinel-drill-verify");
        thread.setDaemon(true);
        thread.start();
        Duration limit = timeout.plus(verifyGrace);
        try {
            List<Boolean> present = lookUp.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            if (present.size() != toLookUp.size()) {
                return Verification.failed("the lookup answered " + present.size() + " of " + toLookUp.size()
                        + " writes");
            }
            return Verification.of(present);
        } catch (TimeoutException e) {
            lookUp.cancel(true);
            LOG.warn("Drill: the lookup of the writes did not return within {}", Durations.format(limit));
            return Verification.failed("the lookup of the writes did not return within " + Durations.format(limit)
                    + " (the drill's timeout and " + Durations.format(verifyGrace) + ")");
        } catch (InterruptedException e) {
            lookUp.cancel(true);
            Thread.currentThread().interrupt();
            return Verification.failed("the drill was interrupted while it looked the writes up");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                return Verification.fatal(error);
            }
            String why = cause instanceof LookupFailed ? cause.getMessage() : cause.toString();
            LOG.warn("Drill: could not verify the writes: {}", why);
            return Verification.failed(why);
        }
    }

    private FailoverReport report(String oldMaster, String newMaster, TopologyEvents events,
                                  List<SentinelEvent> drillEvents, WriteLoop loop, long injectedAt, long loadEnd,
                                  Verification verification) {
        List<WriteRecord> writes = records(loop.attempts(), injectedAt, verification.present());
        Duration loadEndedAt = Duration.ofNanos(loadEnd - injectedAt);
        FailoverReport.Builder report = FailoverReport.builder()
                .topology(runtime.describe())
                .fault(fault)
                .load(load)
                .masters(oldMaster, newMaster)
                .writes(writes)
                .loadEndedAt(loadEndedAt)
                .finishedAt(Instant.now())
                .event(new SentinelEvent(Duration.ZERO, SentinelEvent.DRILL, SentinelEvent.FAULT_INJECTED,
                        fault.toString()))
                .timeline(drillEvents)
                .timeline(clientEvents(writes, loadEndedAt));
        verification.failure().ifPresent(report::verificationFailed);
        for (TopologyEvents.Seen seen : seen(events)) {
            report.event(new SentinelEvent(Duration.ofNanos(seen.atNanos() - injectedAt), seen.source(), seen.type(),
                    seen.details()));
        }
        return report.build();
    }

    /** What the topology's events recorded; nothing if the recording itself failed (the report keeps the rest). */
    private static List<TopologyEvents.Seen> seen(TopologyEvents events) {
        try {
            return events.seen();
        } catch (RuntimeException e) {
            LOG.warn("Drill: the topology's events could not be read: {}", e.toString());
            return List.of();
        }
    }

    /** The client's events: its first failed write, the stalls, and its recovery, all from the write records. */
    private List<SentinelEvent> clientEvents(List<WriteRecord> writes, Duration loadEndedAt) {
        List<SentinelEvent> events = new ArrayList<>();
        writes.stream()
                .filter(w -> !w.sentAt().isNegative() && w.outcome() != WriteOutcome.ACKNOWLEDGED)
                .findFirst()
                .ifPresent(w -> events.add(new SentinelEvent(w.completedAt(), SentinelEvent.CLIENT,
                        SentinelEvent.FIRST_FAILED_WRITE, "write " + w.sequence() + " " + w.outcome().name()
                        .toLowerCase(java.util.Locale.ROOT))));
        ClientTimeline client = ClientTimeline.of(writes, load.period(), loadEndedAt);
        Duration stallAfter = load.period().plus(ClientTimeline.STALL_MARGIN);
        for (ClientTimeline.Gap gap : client.faultInterruptions()) {
            boolean failures = writes.stream().anyMatch(w -> w.outcome() != WriteOutcome.ACKNOWLEDGED
                    && w.completedAt().compareTo(gap.start()) > 0 && w.completedAt().compareTo(gap.end()) <= 0);
            if (!failures) {
                events.add(new SentinelEvent(gap.start().plus(stallAfter), SentinelEvent.CLIENT,
                        SentinelEvent.CLIENT_STALLED, "no acknowledgement for " + stallAfter.toMillis() + " ms"));
            }
        }
        if (client.interrupted()) {
            client.recovery().ifPresent(at -> events.add(new SentinelEvent(at, SentinelEvent.CLIENT,
                    SentinelEvent.CLIENT_RECOVERED, "")));
        }
        return events;
    }

    /** Write records from attempts; {@code present} is the verification's answer per looked-up write, if any. */
    private static List<WriteRecord> records(List<WriteLoop.Attempt> attempts, long injectedAt,
                                             List<Boolean> present) {
        List<WriteRecord> records = new ArrayList<>(attempts.size());
        int next = 0;
        for (WriteLoop.Attempt attempt : attempts) {
            WriteRecord.Presence presence = WriteRecord.Presence.NOT_CHECKED;
            if (attempt.outcome() != WriteOutcome.FAILED && !present.isEmpty()) {
                presence = present.get(next++) ? WriteRecord.Presence.PRESENT : WriteRecord.Presence.ABSENT;
            }
            records.add(new WriteRecord(attempt.sequence(), Duration.ofNanos(attempt.sentNanos() - injectedAt),
                    Duration.ofNanos(attempt.completedNanos() - injectedAt), attempt.outcome(), presence));
        }
        return records;
    }

    private void tell(FailoverReport report) {
        for (DrillListener listener : runtime.listeners()) {
            try {
                listener.drillFinished(report);
            } catch (RuntimeException e) {
                LOG.warn("A drill listener failed: {}", e.toString(), e);
            }
        }
    }

    private static SentinelEvent drillEvent(long atNanos, long injectedAt, String type, String details) {
        return new SentinelEvent(Duration.ofNanos(atNanos - injectedAt), SentinelEvent.DRILL, type, details);
    }

    private static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.compareTo(MAX_LOAD_TIME) > 0) {
            throw new IllegalArgumentException(name + " = " + value + "; allowed: more than 0, at most "
                    + MAX_LOAD_TIME);
        }
        return value;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** What the verification found: which writes are present, or why it could not tell. */
    private record Verification(List<Boolean> present, String why, Error fatal) {

        static Verification of(List<Boolean> present) {
            return new Verification(List.copyOf(present), null, null);
        }

        static Verification failed(String why) {
            return new Verification(List.of(), why, null);
        }

        static Verification fatal(Error error) {
            return new Verification(List.of(), "the verify code threw " + error, error);
        }

        java.util.Optional<String> failure() {
            return java.util.Optional.ofNullable(why);
        }
    }

    /**
     * Added to what a drill throws: the summary of the report it made before, so that the failure says what was
     * measured. The report itself went to the topology's listeners (the report files).
     */
    static final class DrillInterrupted extends SentinelDrillException {
        private static final long serialVersionUID = 1L;

        DrillInterrupted(FailoverReport report) {
            super("The drill measured this before it failed; the topology was healed and reset:\n" + report.summary());
            setStackTrace(new StackTraceElement[0]);
        }
    }

    /** Why a custom load's writes could not be looked up, in words. */
    private static final class LookupFailed extends Exception {
        private static final long serialVersionUID = 1L;

        LookupFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The team's own write and verify code. A {@code verify} that throws is called again until the drill's timeout
     * has passed since the verification began: the team's client may still be reconnecting after the reset (Lettuce's
     * default reconnect delay grows to seconds), which says nothing about the writes.
     */
    private static final class CustomWriter implements Writer {
        private final WriteLoad.Write write;
        private final WriteLoad.Verify verify;
        private final Duration retryFor;

        CustomWriter(WriteLoad load, Duration retryFor) {
            this.write = load.customWrite().orElseThrow();
            this.verify = load.customVerify().orElseThrow();
            this.retryFor = retryFor;
        }

        @Override
        public void write(long sequence) throws Exception {
            write.write(sequence);
        }

        @Override
        public List<Boolean> present(List<Long> sequences) throws Exception {
            long deadline = System.nanoTime() + retryFor.toNanos();
            List<Boolean> present = new ArrayList<>(sequences.size());
            for (long sequence : sequences) {
                present.add(exists(sequence, deadline));
            }
            return present;
        }

        private boolean exists(long sequence, long deadline) throws Exception {
            int attempts = 0;
            while (true) {
                attempts++;
                try {
                    return verify.exists(sequence);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    if (System.nanoTime() + VERIFY_RETRY.toNanos() >= deadline) {
                        throw new LookupFailed("verify(" + sequence + ") threw " + e
                                + (attempts > 1 ? " (" + attempts + " attempts within the drill's timeout of "
                                + Durations.format(retryFor) + ")" : ""), e);
                    }
                    LockSupport.parkNanos(VERIFY_RETRY.toNanos());
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("the verification was given up");
                    }
                }
            }
        }

        @Override
        public void close() {
        }
    }
}
