package io.github.sentineldrill.internal.drill;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** What every {@link TopologyEvents} keeps: the events seen and the listeners to tell. Safe for several threads. */
public final class EventLog {

    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final List<TopologyEvents.Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Map.Entry<String, Consumer<String>>> listeners = new CopyOnWriteArrayList<>();

    public void add(long atNanos, String source, String type, String details) {
        seen.add(new TopologyEvents.Seen(atNanos, source, type, details));
        for (Map.Entry<String, Consumer<String>> listener : listeners) {
            if (listener.getKey().equals(type)) {
                try {
                    listener.getValue().accept(details);
                } catch (RuntimeException e) {
                    LOG.warn("A listener of {} events failed: {}", type, e.toString(), e);
                }
            }
        }
    }

    public List<TopologyEvents.Seen> seen() {
        return List.copyOf(seen);
    }

    public void onEvent(String type, Consumer<String> listener) {
        listeners.add(Map.entry(type, listener));
    }
}
