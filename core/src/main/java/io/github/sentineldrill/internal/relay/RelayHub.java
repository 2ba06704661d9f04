package io.github.sentineldrill.internal.relay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The relays of one topology, served by one selector thread.
 *
 * <p>Every connection one node opens to a data node goes through that data node's {@link Relay}, so that a fault can
 * cut a node off from its peers while clients in the test JVM, which connect to the node directly, still reach it.
 * Every change of state runs on the selector thread; the calls that make one return once it has happened.
 */
public final class RelayHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayHub.class);
    private static final long CALL_TIMEOUT_SECONDS = 10;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Relay> relays = new ArrayList<>();
    /** Tags of links that stall in every relay; touched on the hub's thread only. */
    private final Set<String> cutTags = new HashSet<>();
    private volatile boolean closed;

    private RelayHub(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::serve, "sentinel-drill-relays-" + name);
        thread.setDaemon(true);
    }

    /** Opens a hub; {@code name} names its thread. */
    public static RelayHub start(String name) {
        try {
            RelayHub hub = new RelayHub(name);
            hub.thread.start();
            return hub;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open a selector for the relays of " + name, e);
        }
    }

    /**
     * Opens a relay listening on {@code bind} (an ephemeral port) that forwards each connection to the address
     * {@code upstream} gives at the time the connection arrives.
     *
     * @param name names the relay in logs, usually the node it leads to
     * @throws UncheckedIOException when it cannot listen there
     */
    public Relay open(String name, InetAddress bind, Supplier<InetSocketAddress> upstream) {
        return open(name, bind, upstream, Relay.LinkTagger.NONE);
    }

    /** {@link #open(String, InetAddress, Supplier)} with links told apart by {@code tagger}. */
    public Relay open(String name, InetAddress bind, Supplier<InetSocketAddress> upstream, Relay.LinkTagger tagger) {
        return call(() -> {
            Relay relay = new Relay(name, selector, bind, upstream, tagger, cutTags);
            relays.add(relay);
            return relay;
        });
    }

    /** Stalls, in every relay, the links tagged {@code tag}, and holds new ones, as if cut. */
    public void cutTag(String tag) {
        call(() -> {
            if (cutTags.add(tag)) {
                relays.forEach(Relay::resume);
            }
            return null;
        });
    }

    /** Lets the links tagged {@code tag} flow again. */
    public void restoreTag(String tag) {
        call(() -> {
            if (cutTags.remove(tag)) {
                relays.forEach(Relay::resume);
            }
            return null;
        });
    }

    /** Stops forwarding through {@code relay}: connections through it stall in both directions, as if cut. */
    public void cut(Relay relay) {
        call(() -> {
            relay.cut();
            return null;
        });
    }

    /** Forwards through {@code relay} again; what stalled flows on, held connections are connected. */
    public void restore(Relay relay) {
        call(() -> {
            relay.restore();
            return null;
        });
    }

    /** How long ago the newest connection through {@code relay} was made; empty when there is none. */
    public OptionalLong newestLinkAge(Relay relay) {
        return call(relay::newestLinkAgeNanos);
    }

    /** Makes {@code relay} refuse new connections, as the port of a node that is down does. */
    public void refuse(Relay relay) {
        call(() -> {
            relay.refuse();
            return null;
        });
    }

    /**
     * Makes {@code relay} listen again on its port after {@link #refuse}.
     *
     * @throws UncheckedIOException when the port has been taken meanwhile
     */
    public void listen(Relay relay) {
        call(() -> {
            relay.listen();
            return null;
        });
    }

    /** Closes every relay and every connection through it, and stops the thread. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            call(() -> {
                relays.forEach(Relay::close);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("closing relays: {}", e.toString());
        }
        closed = true;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(CALL_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the relay selector: {}", e.toString());
        }
    }

    private interface Task<T> {
        T run() throws IOException;
    }

    private <T> T call(Task<T> task) {
        if (closed) {
            throw new IllegalStateException("the relays are closed");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(task.run());
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (IOException | RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        selector.wakeup();
        try {
            return result.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the relay thread", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the relay thread did not answer within " + CALL_TIMEOUT_SECONDS + " s");
        }
    }

    /**
     * The selector loop. What one handler throws is logged and closes that handler's channel; it never ends the loop,
     * which serves every relay of the topology.
     */
    private void serve() {
        try {
            while (!closed) {
                selector.select();
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.attachment() instanceof Relay.Handler handler) {
                        handleSafely(key, handler);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                LOG.error("The relay thread stopped: {}", e.toString(), e);
            }
        }
    }

    private static void handleSafely(SelectionKey key, Relay.Handler handler) {
        try {
            handler.handle(key);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (IOException | RuntimeException | Error e) {
            LOG.warn("A relay connection failed and is closed: {}", e.toString(), e);
            key.cancel();
            try {
                key.channel().close();
            } catch (IOException closing) {
                LOG.debug("closing a failed relay connection: {}", closing.toString());
            }
        }
    }

    /** Registers {@code channel} with the selector under {@code handler}: for tests of the loop itself. */
    void register(java.nio.channels.SelectableChannel channel, int ops, Relay.Handler handler) {
        call(() -> {
            channel.configureBlocking(false);
            channel.register(selector, ops, handler);
            return null;
        });
    }
}
