package io.github.sentineldrill.drill;

/** What became of one write, as the client saw it. */
public enum WriteOutcome {
    /** The server replied OK. */
    ACKNOWLEDGED,
    /** Refused or never sent: definitely not applied (not connected, connect failed, an error reply). */
    FAILED,
    /** Timed out or lost its connection after it was sent: it may or may not have been applied. */
    INDETERMINATE
}
