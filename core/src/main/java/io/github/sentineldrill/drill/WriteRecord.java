package io.github.sentineldrill.drill;

import java.time.Duration;
import java.util.Objects;

/**
 * One write of a drill.
 *
 * @param sequence   its number, from 0, unique in the drill
 * @param sentAt     when it was sent, from the fault's injection (negative before it), monotonic clock
 * @param completedAt when its outcome was known, on the same clock
 * @param outcome    what the client saw
 * @param presentAtEnd whether it was found on the final master after the topology converged; always false for
 *                   {@link WriteOutcome#FAILED} writes, which are not looked up
 */
public record WriteRecord(long sequence, Duration sentAt, Duration completedAt, WriteOutcome outcome,
                          boolean presentAtEnd) {

    public WriteRecord {
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Acknowledged, and absent from the final master. */
    public boolean lost() {
        return outcome == WriteOutcome.ACKNOWLEDGED && !presentAtEnd;
    }

    /** Not acknowledged (timed out or cut off after sending), yet present on the final master. */
    public boolean appliedButUnacknowledged() {
        return outcome == WriteOutcome.INDETERMINATE && presentAtEnd;
    }
}
