package io.github.sentineldrill.internal.drill;

import io.github.sentineldrill.drill.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes one write per period on a thread of its own, at a fixed rate anchored to its start: tick {@code n} is due at
 * {@code start + n * period}, so the rate does not drift. Writes run one at a time. When writes fall behind, the ticks
 * missed are made up only while the backlog is at most {@link #MAX_BACKLOG} worth of writes (a short hiccup at a fast
 * rate); ticks further behind are skipped, so a stall never turns into a burst. It stops when told, at its deadline,
 * or after its maximum number of writes, whichever comes first.
 */
public final class WriteLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteLoop.class);
    /** How far behind schedule missed ticks are still made up: at most this much time's worth of writes. */
    static final Duration MAX_BACKLOG = Duration.ofMillis(10);

    /** One write as it happened. */
    public record Attempt(long sequence, long scheduledNanos, long sentNanos, long completedNanos,
                          WriteOutcome outcome) {
    }

    private final Writer writer;
    private final long periodNanos;
    private final long deadlineNanos;
    private final long maxWrites;
    private final long maxBacklogTicks;
    private final Thread thread;
    private final List<Attempt> attempts = new ArrayList<>();
    private volatile boolean stopping;
    private volatile String lastError = "none";
    /** From when on a write that was not acknowledged counts as the first failure; -1 before {@link #mark}. */
    private long markNanos = -1;
    private long firstFailureNanos = -1;
    private long recoveredNanos = -1;
    private long lastAcknowledgedNanos = -1;
    private long acknowledged;

    public WriteLoop(Writer writer, Duration period, Duration maxRunTime) {
        this.writer = writer;
        this.periodNanos = period.toNanos();
        this.deadlineNanos = System.nanoTime() + maxRunTime.toNanos();
        this.maxWrites = Math.max(1, maxRunTime.toNanos() / periodNanos + 1);
        this.maxBacklogTicks = MAX_BACKLOG.toNanos() / periodNanos;
        this.thread = new Thread(this::run, "sentinel-drill-writer");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        long start = System.nanoTime();
        long tick = 0;
        for (long sequence = 0; sequence < maxWrites && !stopping; sequence++) {
            long due = start + tick * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long sent = System.nanoTime();
            if (stopping || sent >= deadlineNanos) {
                break;
            }
            WriteOutcome outcome;
            try {
                writer.write(sequence);
                outcome = WriteOutcome.ACKNOWLEDGED;
            } catch (Exception e) {
                outcome = WriteFailures.classify(e);
                lastError = e.toString();
            }
            long completed = System.nanoTime();
            record(new Attempt(sequence, due, sent, completed, outcome));
            // The next tick, unless that leaves more than the allowed backlog: then the oldest allowed one.
            long current = (completed - start) / periodNanos;
            tick = Math.max(tick + 1, current - maxBacklogTicks);
        }
        LOG.debug("writer stopped after {} writes", attempts.size());
    }

    private synchronized void record(Attempt attempt) {
        attempts.add(attempt);
        if (attempt.outcome() == WriteOutcome.ACKNOWLEDGED) {
            acknowledged++;
            lastAcknowledgedNanos = attempt.completedNanos();
            if (firstFailureNanos >= 0 && recoveredNanos < 0) {
                recoveredNanos = attempt.completedNanos();
            }
        } else if (markNanos >= 0 && firstFailureNanos < 0 && attempt.sentNanos() >= markNanos) {
            firstFailureNanos = attempt.completedNanos();
        }
    }

    /** From now on, the first write that is not acknowledged counts as the first failure. */
    public synchronized void mark(long nanos) {
        markNanos = nanos;
    }

    public synchronized long acknowledged() {
        return acknowledged;
    }

    /** When the first write after the mark failed, or -1. */
    public synchronized long firstFailureNanos() {
        return firstFailureNanos;
    }

    /** When the first acknowledged write after the first failure completed, or -1. */
    public synchronized long recoveredNanos() {
        return recoveredNanos;
    }

    /** When the latest acknowledged write completed, or -1. */
    public synchronized long lastAcknowledgedNanos() {
        return lastAcknowledgedNanos;
    }

    /** What the latest write that was not acknowledged threw, for messages. */
    public String lastError() {
        return lastError;
    }

    public synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Stops the loop and waits for the write in flight, which the writer's own timeout bounds. */
    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
