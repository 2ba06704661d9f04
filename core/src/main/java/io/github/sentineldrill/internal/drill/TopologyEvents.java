package io.github.sentineldrill.internal.drill;

import java.util.List;
import java.util.function.Consumer;

/**
 * The events a topology's nodes report during a drill, each with the monotonic time it was seen: a Sentinel
 * topology's pub/sub messages, a Redis Cluster's changes of its nodes' views. Recording when {@code open} returns.
 */
public interface TopologyEvents extends AutoCloseable {

    /** An event as it was seen. */
    record Seen(long atNanos, String source, String type, String details) {
    }

    /** Everything seen so far, in the order seen. */
    List<Seen> seen();

    /** When the first event of this type was seen, or -1. */
    default long firstNanos(String type) {
        return seen().stream().filter(e -> e.type().equals(type)).mapToLong(Seen::atNanos).min().orElse(-1);
    }

    /** Calls {@code listener} with the details of every event of this type from now on; it must not block. */
    void onEvent(String type, Consumer<String> listener);

    @Override
    void close();
}
