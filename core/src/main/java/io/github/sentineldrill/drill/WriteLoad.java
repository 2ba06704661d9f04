package io.github.sentineldrill.drill;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The writes a drill makes while its fault is in effect, one every period, each with a unique sequence number.
 *
 * <p>{@link #everyMillis(long)} is the built-in writer: {@code SET drill:<run>:<seq>} through a Lettuce connection
 * that follows the topology (the sentinels, or the cluster's slots), tuned to recover fast (its settings are in
 * {@code docs/drills.md}). {@link #custom} runs the team's own code instead, so the drill measures what their service
 * sees.
 *
 * <p>Writes are paced at a fixed rate anchored to the start of the drill and made one at a time: a write that stalls
 * delays the next; missed ticks are made up only while the writer is at most 10 ms behind, and skipped beyond that, so
 * a stall never turns into a burst.
 */
public final class WriteLoad {

    /**
     * One write of the team's own code; returning means it was acknowledged, throwing an exception that it was not
     * (see {@code docs/drills.md} for which exception counts as failed and which as indeterminate). An {@link Error},
     * such as the team's own failed assertion, ends the drill and is thrown by {@code run()}.
     */
    @FunctionalInterface
    public interface Write {
        void write(long sequence) throws Exception;
    }

    /**
     * Whether a write is on the final master. An exception is taken for a client still reconnecting after the reset:
     * the call is made again, until the drill's timeout has passed since the verification began, and then leaves the
     * drill's lost writes not measured, saying why. An {@link Error} is thrown by {@code run()}.
     */
    @FunctionalInterface
    public interface Verify {
        boolean exists(long sequence) throws Exception;
    }

    /** A custom load whose period is still to be given. */
    public static final class Custom {
        private final Write write;
        private final Verify verify;

        private Custom(Write write, Verify verify) {
            this.write = write;
            this.verify = verify;
        }

        /** One write every {@code period}. */
        public WriteLoad every(Duration period) {
            return new WriteLoad(positive(period), write, verify);
        }
    }

    private final Duration period;
    private final Write write;
    private final Verify verify;

    private WriteLoad(Duration period, Write write, Verify verify) {
        this.period = period;
        this.write = write;
        this.verify = verify;
    }

    /** The built-in writer, one write every {@code millis} milliseconds (1 to 60000). */
    public static WriteLoad everyMillis(long millis) {
        if (millis < 1 || millis > 60_000) {
            throw new IllegalArgumentException("everyMillis: millis = " + millis + "; allowed: 1 to 60000");
        }
        return new WriteLoad(Duration.ofMillis(millis), null, null);
    }

    /** The team's own write and read-back code; either may throw. */
    public static Custom custom(Write write, Verify verify) {
        return new Custom(Objects.requireNonNull(write, "write"), Objects.requireNonNull(verify, "verify"));
    }

    public Duration period() {
        return period;
    }

    /** Whether this is the built-in writer. */
    public boolean builtIn() {
        return write == null;
    }

    /** The team's write code; empty for the built-in writer. */
    public Optional<Write> customWrite() {
        return Optional.ofNullable(write);
    }

    /** The team's read-back code; empty for the built-in writer. */
    public Optional<Verify> customVerify() {
        return Optional.ofNullable(verify);
    }

    private static Duration positive(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero() || period.toMillis() > 60_000) {
            throw new IllegalArgumentException("every: period = " + period + "; allowed: 1 ms to 60 s");
        }
        return period;
    }

    @Override
    public String toString() {
        return (builtIn() ? "built-in writer" : "custom writer") + " every " + period.toMillis() + " ms";
    }
}
