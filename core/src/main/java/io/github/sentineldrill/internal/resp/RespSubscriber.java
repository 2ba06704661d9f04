package io.github.sentineldrill.internal.resp;

import io.github.sentineldrill.NodeAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A {@code PSUBSCRIBE} to one node, read on a thread of its own: every message is handed over with the monotonic time
 * it arrived. Subscribed when {@link #start} returns, so nothing published after that is missed. The subscription
 * ends when the node closes the connection (it was killed) or at {@link #close()}.
 */
public final class RespSubscriber implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RespSubscriber.class);

    /** Receives the messages of a subscription, on its thread: it must not block. */
    @FunctionalInterface
    public interface Listener {
        void message(long arrivedAtNanos, String channel, String message);
    }

    private final RespConnection connection;
    private final Thread thread;
    private volatile boolean closed;

    private RespSubscriber(RespConnection connection, String name, Listener listener) {
        this.connection = connection;
        this.thread = new Thread(() -> read(listener), name);
        thread.setDaemon(true);
    }

    /**
     * Subscribes to {@code pattern} on {@code address}.
     *
     * @param threadName names the reading thread
     * @throws IOException when the node cannot be reached or refuses the subscription within {@code timeout}
     */
    public static RespSubscriber start(NodeAddress address, String pattern, Duration timeout, String threadName,
                                       Listener listener) throws IOException {
        RespConnection connection = RespConnection.open(address, timeout);
        try {
            connection.send("PSUBSCRIBE", pattern);
            Object confirmation = connection.read();
            if (!(confirmation instanceof List<?> fields) || fields.isEmpty()
                    || !"psubscribe".equals(fields.get(0))) {
                throw new RespProtocolException("PSUBSCRIBE " + pattern + " answered with " + confirmation);
            }
            // Messages come whenever the node has one: the reader waits for them as long as it takes.
            connection.timeout(Duration.ZERO);
            RespSubscriber subscriber = new RespSubscriber(connection, threadName, listener);
            subscriber.thread.start();
            return subscriber;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void read(Listener listener) {
        try {
            while (!closed) {
                Object push = connection.read();
                long at = System.nanoTime();
                if (push instanceof List<?> fields && fields.size() == 4 && "pmessage".equals(fields.get(0))) {
                    try {
                        listener.message(at, String.valueOf(fields.get(2)), String.valueOf(fields.get(3)));
                    } catch (RuntimeException e) {
                        LOG.warn("A listener of {} failed on a message: {}", connection.address(), e.toString(), e);
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("Subscription to {} ended: {}", connection.address(), e.toString());
            }
        }
    }

    /** Ends the subscription and waits, briefly, for its thread. */
    @Override
    public void close() {
        closed = true;
        connection.close();
        try {
            thread.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
