package io.github.sentineldrill.drill;

import java.time.Duration;
import java.util.Objects;

/**
 * One event of a drill's timeline: a message a sentinel published on its pub/sub channel of that name
 * ({@code +sdown}, {@code +odown}, {@code +switch-master}, ...), a change a Redis Cluster node reported in its view of
 * the cluster ({@code +pfail}, {@code +fail}, {@code +promoted}, ...), or an event of the client or of the drill, such
 * as {@link #FIRST_FAILED_WRITE}.
 *
 * @param offset  when it was seen, from the fault's injection (negative before it)
 * @param source  the node that said it ({@code sentinel-1}, {@code redis-3}), or {@code client} or {@code drill}
 * @param type    the event, such as {@code +switch-master}
 * @param details what the node said, such as {@code mymaster 127.0.0.1 40001 127.0.0.1 40002}
 */
public record SentinelEvent(Duration offset, String source, String type, String details) {

    /** The source of the client's events. */
    public static final String CLIENT = "client";
    /** The source of the drill's own events. */
    public static final String DRILL = "drill";

    /**
     * Client side: the first write sent after the injection that was not acknowledged; its offset is when that write
     * completed (failed, or gave up waiting), not when it was sent.
     */
    public static final String FIRST_FAILED_WRITE = "first-failed-write";
    /** Client side: the client stopped getting acknowledgements for longer than a period plus the stall margin. */
    public static final String CLIENT_STALLED = "client-stalled";
    /** Client side: the end of the last interruption the fault caused (the acknowledgement that ended it). */
    public static final String CLIENT_RECOVERED = "client-recovered";
    /** The drill injected its fault (offset zero). */
    public static final String FAULT_INJECTED = "fault-injected";
    /** The drill healed its fault. */
    public static final String FAULT_HEALED = "fault-healed";
    /** The drill stopped its load. */
    public static final String LOAD_STOPPED = "load-stopped";

    public SentinelEvent {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(details, "details");
    }

    /** Whether a sentinel published it. */
    public boolean fromSentinel() {
        return source.startsWith("sentinel-");
    }

    /** Whether a node of the topology (a sentinel or a Redis Cluster node) said it, rather than the client or the drill. */
    public boolean fromNode() {
        return !source.equals(CLIENT) && !source.equals(DRILL);
    }

    /** One line, such as {@code +2213 ms sentinel-1 +switch-master mymaster ...}. */
    @Override
    public String toString() {
        long millis = offset.toMillis();
        return (millis >= 0 ? "+" : "") + millis + " ms " + source + " " + type + (details.isEmpty() ? "" : " " + details);
    }
}
