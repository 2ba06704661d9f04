package io.github.sentineldrill.internal.drill;

import io.github.sentineldrill.RedisNode;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.NodeHandle;
import io.github.sentineldrill.internal.NodeState;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Subscribes to every running sentinel's events ({@code PSUBSCRIBE *}, minus the hello channel) and records each with
 * the monotonic time it arrived. Subscribed when {@link #start} returns, so nothing after that is missed. Sentinels
 * that a fault has taken down or frozen (a drill under {@code killSentinels}) have nothing to say and are skipped.
 */
public final class SentinelEventRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SentinelEventRecorder.class);
    private static final String HELLO_CHANNEL = "__sentinel__:hello";

    /** An event as it arrived. */
    public record Received(long atNanos, String sentinel, String type, String details) {
    }

    private final RedisClient client;
    private final List<StatefulRedisPubSubConnection<String, String>> connections = new ArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Map.Entry<String, Consumer<String>>> listeners = new CopyOnWriteArrayList<>();

    private SentinelEventRecorder(SentinelCluster cluster) {
        this.client = RedisClient.create(cluster.clientResources());
    }

    public static SentinelEventRecorder start(SentinelCluster cluster) {
        SentinelEventRecorder recorder = new SentinelEventRecorder(cluster);
        try {
            for (RedisNode sentinel : cluster.sentinels()) {
                if (sentinel instanceof NodeHandle handle && handle.state() != NodeState.RUNNING) {
                    LOG.info("Not subscribed to the events of {}: it is {}", sentinel.name(),
                            handle.state().name().toLowerCase(Locale.ROOT));
                    continue;
                }
                StatefulRedisPubSubConnection<String, String> connection = recorder.client.connectPubSub(sentinel.uri());
                recorder.connections.add(connection);
                connection.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String pattern, String channel, String message) {
                        if (!HELLO_CHANNEL.equals(channel)) {
                            recorder.received.add(new Received(System.nanoTime(), sentinel.name(), channel, message));
                            recorder.notifyListeners(channel, message);
                        }
                    }
                });
                connection.sync().psubscribe("*");
            }
            return recorder;
        } catch (RuntimeException e) {
            recorder.close();
            throw new SentinelDrillException("Could not subscribe to the sentinels' events: " + e.getMessage(), e);
        }
    }

    /** Calls {@code listener} with the details of every event of this type, on a Lettuce thread: it must not block. */
    public void onEvent(String type, Consumer<String> listener) {
        listeners.add(Map.entry(type, listener));
    }

    private void notifyListeners(String type, String details) {
        for (Map.Entry<String, Consumer<String>> listener : listeners) {
            if (listener.getKey().equals(type)) {
                listener.getValue().accept(details);
            }
        }
    }

    /** Everything recorded so far. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** When the first event of this type arrived from any sentinel, or -1. */
    public long firstNanos(String type) {
        return received.stream().filter(e -> e.type().equals(type)).mapToLong(Received::atNanos).min().orElse(-1);
    }

    @Override
    public void close() {
        connections.forEach(StatefulRedisPubSubConnection::close);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
