package io.github.sentineldrill.internal.cluster;

import io.github.sentineldrill.internal.drill.EventLog;
import io.github.sentineldrill.internal.drill.TopologyEvents;
import io.github.sentineldrill.internal.node.NodeState;
import io.github.sentineldrill.internal.resp.RespConnection;
import io.github.sentineldrill.internal.runtime.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A Redis Cluster's events during a drill, taken from what its nodes say: each node's {@code CLUSTER NODES} is read
 * every {@value #POLL_MILLIS} ms on a thread of its own, and each change of its view is an event of that node:
 * <ul>
 *   <li>{@code +pfail} / {@code -pfail}: it flags a node as possibly failing ({@code fail?}), or no longer (the details
 *       are that node's name, as for the next two);</li>
 *   <li>{@code +fail} / {@code -fail}: it marks a node failing (a majority of masters agreed), or clears it;</li>
 *   <li>{@code +promoted}: it is a master serving slots now, after being a replica: "{@code redis-3 took over from
 *       redis-0: serves slots 0-5460, config epoch 7}";</li>
 *   <li>{@code +demoted}: it is a replica now, after being a master;</li>
 *   <li>{@code +slots-moved}: in its view, another master serves a shard's slots.</li>
 * </ul>
 * A node that a fault took down or froze answers nothing, and says nothing until it answers again. Each event is
 * timed when the view that shows it arrived: it happened at most one poll earlier.
 */
final class ClusterEvents implements TopologyEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterEvents.class);
    static final long POLL_MILLIS = 10;
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(250);

    private final ClusterShape shape;
    private final EventLog log = new EventLog();
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean closed;

    private ClusterEvents(ClusterShape shape) {
        this.shape = shape;
    }

    /** Starts polling every node; each node's first view is read before this returns, so later changes are seen. */
    static ClusterEvents open(ClusterShape shape) {
        ClusterEvents events = new ClusterEvents(shape);
        for (Node node : shape.all()) {
            Poller poller = events.new Poller(node);
            poller.previous = poller.read().orElse(null);
            Thread thread = new Thread(poller, "sentinel-drill-cluster-events-" + node.name());
            thread.setDaemon(true);
            events.pollers.add(thread);
            thread.start();
        }
        return events;
    }

    @Override
    public List<Seen> seen() {
        return log.seen();
    }

    @Override
    public void onEvent(String type, Consumer<String> listener) {
        log.onEvent(type, listener);
    }

    @Override
    public void close() {
        closed = true;
        for (Thread poller : pollers) {
            LockSupport.unpark(poller);
            try {
                poller.join(CALL_TIMEOUT.multipliedBy(4).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads one node's view, again and again, and tells what changed. */
    private final class Poller implements Runnable {
        private final Node node;
        private RespConnection connection;
        private ClusterNodes previous;

        Poller(Node node) {
            this.node = node;
        }

        @Override
        public void run() {
            try {
                while (!closed) {
                    Optional<ClusterNodes> view = node.state() == NodeState.RUNNING ? read() : Optional.empty();
                    long at = System.nanoTime();
                    if (view.isPresent()) {
                        if (previous != null) {
                            compare(at, previous, view.get());
                        }
                        previous = view.get();
                    }
                    LockSupport.parkNanos(Duration.ofMillis(POLL_MILLIS).toNanos());
                }
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
        }

        Optional<ClusterNodes> read() {
            try {
                if (connection == null) {
                    connection = RespConnection.open(node.reachableAddress(), CALL_TIMEOUT);
                }
                return Optional.of(ClusterNodes.parse(connection.callString("CLUSTER", "NODES")));
            } catch (IOException e) {
                if (connection != null) {
                    connection.close();
                    connection = null;
                }
                LOG.trace("{} gave no view: {}", node.name(), e.getMessage());
                return Optional.empty();
            }
        }

        private void compare(long at, ClusterNodes before, ClusterNodes now) {
            String source = node.name();
            for (ClusterNodes.Entry entry : now.entries()) {
                Optional<ClusterNodes.Entry> was = before.byId(entry.id());
                if (was.isEmpty() || entry.myself()) {
                    continue;
                }
                String subject = shape.nameOf(entry.id());
                if (!was.get().possiblyFailing() && entry.possiblyFailing()) {
                    log.add(at, source, "+pfail", subject);
                } else if (was.get().possiblyFailing() && !entry.possiblyFailing() && !entry.failing()) {
                    log.add(at, source, "-pfail", subject);
                }
                if (!was.get().failing() && entry.failing()) {
                    log.add(at, source, "+fail", subject);
                } else if (was.get().failing() && !entry.failing()) {
                    log.add(at, source, "-fail", subject);
                }
            }
            Optional<ClusterNodes.Entry> self = now.myself();
            Optional<ClusterNodes.Entry> selfBefore = before.myself();
            if (self.isPresent() && selfBefore.isPresent()) {
                if (!selfBefore.get().master() && self.get().master() && !self.get().slots().isEmpty()) {
                    log.add(at, source, "+promoted", source + " took over from "
                            + shape.nameOf(selfBefore.get().masterId()) + ": serves slots " + ranges(self.get())
                            + ", config epoch " + self.get().configEpoch());
                } else if (selfBefore.get().master() && !self.get().master()) {
                    log.add(at, source, "+demoted", source + " is a replica of " + shape.nameOf(self.get().masterId()));
                }
            }
            for (int shard = 0; shard < shape.spec().shards(); shard++) {
                Slots.Range range = shape.slots(shard);
                Optional<String> ownerBefore = before.ownerOf(range.from()).map(ClusterNodes.Entry::id);
                Optional<String> owner = now.ownerOf(range.from()).map(ClusterNodes.Entry::id);
                if (ownerBefore.isPresent() && owner.isPresent() && !ownerBefore.equals(owner)) {
                    log.add(at, source, "+slots-moved", "slots " + range + " from " + shape.nameOf(ownerBefore.get())
                            + " to " + shape.nameOf(owner.get()));
                }
            }
        }

        private static String ranges(ClusterNodes.Entry entry) {
            return entry.slots().stream().map(Slots.Range::toString).collect(Collectors.joining(","));
        }
    }
}
