package io.github.sentineldrill.drill;

import java.time.Duration;
import java.util.Objects;

/**
 * One event of a drill's timeline: a message a sentinel published on its pub/sub channel of that name
 * ({@code +sdown}, {@code +odown}, {@code +switch-master}, ...), or a client-side event such as
 * {@link #FIRST_FAILED_WRITE}.
 *
 * @param offset  when it was seen, from the fault's injection (negative before it)
 * @param source  the sentinel that published it ({@code sentinel-1}), or {@code client} or {@code drill}
 * @param type    the event, such as {@code +switch-master}
 * @param details what the sentinel said, such as {@code mymaster 127.0.0.1 40001 127.0.0.1 40002}
 */
public record SentinelEvent(Duration offset, String source, String type, String details) {

    /**
     * Client side: the first write sent after the injection that was not acknowledged; its offset is when that write
     * completed (failed, or gave up waiting), not when it was sent.
     */
    public static final String FIRST_FAILED_WRITE = "first-failed-write";
    /** Client side: the first acknowledged write after the first one that was not. */
    public static final String CLIENT_RECOVERED = "client-recovered";
    /** The drill injected its fault (offset zero). */
    public static final String FAULT_INJECTED = "fault-injected";
    /** The drill healed its fault. */
    public static final String FAULT_HEALED = "fault-healed";

    public SentinelEvent {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(details, "details");
    }

    /** Whether a sentinel published it, as opposed to the client or the drill. */
    public boolean fromSentinel() {
        return source.startsWith("sentinel-");
    }

    /** One line, such as {@code +2213 ms sentinel-1 +switch-master mymaster ...}. */
    @Override
    public String toString() {
        long millis = offset.toMillis();
        return (millis >= 0 ? "+" : "") + millis + " ms " + source + " " + type + (details.isEmpty() ? "" : " " + details);
    }
}
