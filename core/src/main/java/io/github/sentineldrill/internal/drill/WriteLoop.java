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
 * after its maximum number of writes, or when a write throws an {@link Error}, whichever comes first.
 *
 * <p>A write that has not returned when the loop is stopped is given {@link #stop(Duration) a grace}; after it, it is
 * recorded as indeterminate at the moment the loop gave up on it, and its thread is interrupted and left behind.
 */
public final class WriteLoop {

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
    /** What a write threw that was no exception; ends the loop, and the drill throws it. */
    private volatile Error fatal;
    private long inFlightSequence = -1;
    private long inFlightSentNanos = -1;
    private long inFlightScheduledNanos = -1;
    private long acknowledged;
    private long stoppedAtNanos = -1;

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
            if (!sending(sequence, due, sent)) {
                break;
            }
            WriteOutcome outcome;
            try {
                writer.write(sequence);
                outcome = WriteOutcome.ACKNOWLEDGED;
            } catch (Exception e) {
                outcome = WriteFailures.classify(e);
                lastError = e.toString();
            } catch (Error e) {
                fatal = e;
                lastError = e.toString();
                outcome = WriteOutcome.INDETERMINATE;
                stopping = true;
            }
            long completed = System.nanoTime();
            if (!record(new Attempt(sequence, due, sent, completed, outcome))) {
                break;
            }
            // The next tick, unless that leaves more than the allowed backlog: then the oldest allowed one.
            long current = (completed - start) / periodNanos;
            tick = Math.max(tick + 1, current - maxBacklogTicks);
        }
        LOG.debug("writer stopped after {} writes", attempts.size());
    }

    /** Notes the write about to be made; false if the loop gave up meanwhile. */
    private synchronized boolean sending(long sequence, long scheduled, long sent) {
        if (stoppedAtNanos >= 0) {
            return false;
        }
        inFlightSequence = sequence;
        inFlightScheduledNanos = scheduled;
        inFlightSentNanos = sent;
        return true;
    }

    /** Records a finished write; false if the loop gave up on it meanwhile (it was recorded then). */
    private synchronized boolean record(Attempt attempt) {
        if (stoppedAtNanos >= 0) {
            return false;
        }
        inFlightSentNanos = -1;
        attempts.add(attempt);
        if (attempt.outcome() == WriteOutcome.ACKNOWLEDGED) {
            acknowledged++;
        }
        return true;
    }

    public synchronized long acknowledged() {
        return acknowledged;
    }

    /** What the latest write that was not acknowledged threw, for messages. */
    public String lastError() {
        return lastError;
    }

    /** What a write threw that was no exception, if one did: the drill ends and throws it. */
    public Error fatal() {
        return fatal;
    }

    /** Whether the loop has ended by itself (its deadline, its maximum of writes, an {@link Error}). */
    public boolean ended() {
        return !thread.isAlive();
    }

    /** Every write so far, in order. */
    public synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /**
     * The writes since {@code nanos}, and the last acknowledged one before it: all a decision about the time since
     * {@code nanos} needs.
     */
    public synchronized List<Attempt> attemptsSince(long nanos) {
        int from = attempts.size();
        while (from > 0 && attempts.get(from - 1).sentNanos() >= nanos) {
            from--;
        }
        while (from > 0 && attempts.get(from - 1).outcome() != WriteOutcome.ACKNOWLEDGED) {
            from--;
        }
        return List.copyOf(attempts.subList(Math.max(0, from - 1), attempts.size()));
    }

    /**
     * Stops the loop and waits up to {@code grace} for the write in flight. A write still unanswered after that is
     * recorded as indeterminate, completed now; its thread is interrupted and not waited for any longer.
     *
     * @return when the loop stopped
     */
    public long stop(Duration grace) {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (stoppedAtNanos >= 0) {
                return stoppedAtNanos;
            }
            stoppedAtNanos = System.nanoTime();
            if (thread.isAlive() && inFlightSentNanos >= 0) {
                attempts.add(new Attempt(inFlightSequence, inFlightScheduledNanos, inFlightSentNanos, stoppedAtNanos,
                        WriteOutcome.INDETERMINATE));
                lastError = "write " + inFlightSequence + " had not returned "
                        + (stoppedAtNanos - inFlightSentNanos) / 1_000_000 + " ms after it was sent";
                LOG.warn("Drill: {}; it counts as indeterminate, and its thread is left behind", lastError);
                inFlightSentNanos = -1;
            }
        }
        thread.interrupt();
        return stoppedAtNanos;
    }
}
