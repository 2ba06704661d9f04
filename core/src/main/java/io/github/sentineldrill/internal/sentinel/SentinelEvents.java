package io.github.sentineldrill.internal.sentinel;

import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.drill.EventLog;
import io.github.sentineldrill.internal.drill.TopologyEvents;
import io.github.sentineldrill.internal.node.NodeState;
import io.github.sentineldrill.internal.resp.RespSubscriber;
import io.github.sentineldrill.internal.runtime.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Subscribes to every running sentinel's events ({@code PSUBSCRIBE *}, minus the hello channel) over the runtime's
 * own RESP client, so that recording works whatever Lettuce and Netty the test's build resolves. Sentinels that a
 * fault has taken down or frozen have nothing to say and are skipped.
 */
final class SentinelEvents implements TopologyEvents {

    private static final Logger LOG = LoggerFactory.getLogger(SentinelEvents.class);
    private static final String HELLO_CHANNEL = "__sentinel__:hello";

    private final EventLog log = new EventLog();
    private final List<RespSubscriber> subscriptions = new ArrayList<>();

    private SentinelEvents() {
    }

    static SentinelEvents open(SentinelNodes topology) {
        SentinelEvents events = new SentinelEvents();
        try {
            for (Node sentinel : topology.sentinels()) {
                if (sentinel.state() != NodeState.RUNNING) {
                    LOG.info("Not subscribed to the events of {}: it is {}", sentinel.name(),
                            sentinel.state().describe());
                    continue;
                }
                String name = sentinel.name();
                events.subscriptions.add(RespSubscriber.start(sentinel.reachableAddress(), "*",
                        SentinelNodes.CALL_TIMEOUT, "sentinel-drill-events-" + name, (at, channel, message) -> {
                            if (!HELLO_CHANNEL.equals(channel)) {
                                events.log.add(at, name, channel, message);
                            }
                        }));
            }
            return events;
        } catch (IOException | RuntimeException e) {
            events.close();
            throw new SentinelDrillException("Could not subscribe to the sentinels' events: " + e.getMessage(), e);
        }
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
        subscriptions.forEach(RespSubscriber::close);
    }
}
