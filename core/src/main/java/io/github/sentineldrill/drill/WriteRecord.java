package io.github.sentineldrill.drill;

import java.time.Duration;
import java.util.Objects;

/**
 * One write of a drill.
 *
 * @param sequence    its number, from 0, unique in the drill
 * @param sentAt      when it was sent, from the fault's injection (negative before it), monotonic clock
 * @param completedAt when its outcome was known, on the same clock; for a write still unanswered when the load
 *                    stopped, the moment the load stopped (its outcome is then {@link WriteOutcome#INDETERMINATE})
 * @param outcome     what the client saw
 * @param presence    whether it was found on the final master once the topology converged
 */
public record WriteRecord(long sequence, Duration sentAt, Duration completedAt, WriteOutcome outcome,
                          Presence presence) {

    /** What the drill's verification found of a write on the final master. */
    public enum Presence {
        /** Found on the final master. */
        PRESENT,
        /** Looked up and absent. */
        ABSENT,
        /** Not looked up: a failed write (definitely not applied), or a drill whose verification could not run. */
        NOT_CHECKED
    }

    public WriteRecord {
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(presence, "presence");
        if (completedAt.compareTo(sentAt) < 0) {
            throw new IllegalArgumentException("write " + sequence + " completed at " + completedAt
                    + ", before it was sent at " + sentAt);
        }
    }

    /** Whether it was found on the final master. */
    public boolean presentAtEnd() {
        return presence == Presence.PRESENT;
    }

    /** Acknowledged, looked up, and absent from the final master. */
    public boolean lost() {
        return outcome == WriteOutcome.ACKNOWLEDGED && presence == Presence.ABSENT;
    }

    /** Not acknowledged (timed out or cut off after sending), yet present on the final master. */
    public boolean appliedButUnacknowledged() {
        return outcome == WriteOutcome.INDETERMINATE && presence == Presence.PRESENT;
    }

    /** How long the client waited for its outcome. */
    public Duration latency() {
        return completedAt.minus(sentAt);
    }
}
