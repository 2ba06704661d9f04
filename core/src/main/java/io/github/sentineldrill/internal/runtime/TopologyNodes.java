package io.github.sentineldrill.internal.runtime;

import io.github.sentineldrill.AddressMapper;
import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.LoopbackPorts;
import io.github.sentineldrill.internal.PortTakenException;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.Watchdog;
import io.github.sentineldrill.internal.node.NodeHandle;
import io.github.sentineldrill.internal.node.NodeState;
import io.github.sentineldrill.internal.relay.NodeRelays;
import io.github.sentineldrill.internal.relay.Relay;
import io.github.sentineldrill.internal.resp.Probes;
import io.github.sentineldrill.internal.resp.RespConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The nodes of one running topology on one backend, and everything that is the same whatever the backend: their
 * relays, their states, the watchdog that cleans up after a killed JVM, the probes' connections, the check that every
 * node expected to run still does, and cleanup. Topology kinds (Sentinel, Redis Cluster) render the configs and drive
 * the startup; backends only prepare, start and signal nodes.
 *
 * <p>Operations on single nodes are mechanics: {@link #kill}, {@link #stop}, {@link #freeze}, {@link #thawIfFrozen}
 * and {@link #restart} record what they did in the node's {@link NodeState}, and keep its relays refusing while it is
 * down, so that peers find its ports refused, as they would without a relay, rather than accepted and then closed.
 */
public final class TopologyNodes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopologyNodes.class);
    /** How many lines of each node's log failure messages carry. */
    public static final int LOG_TAIL_LINES = 15;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final NodeBackend backend;
    private final Watchdog watchdog;
    private final NodeRelays relays;
    private final List<Node> nodes;
    private final Probes probes = new Probes();
    private volatile boolean closed;

    private TopologyNodes(NodeBackend backend, Watchdog watchdog, NodeRelays relays, List<Node> nodes) {
        this.backend = backend;
        this.watchdog = watchdog;
        this.relays = relays;
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Opens a backend place for {@code plans}, with the watchdog armed and the relays listening; no node is started.
     *
     * @throws PortTakenException    when a port was taken between choosing and binding it (start again)
     * @throws ClusterStartException when the place cannot be prepared; nothing is left behind
     */
    public static TopologyNodes open(NodeBackend.Factory factory, String name, List<NodePlan> plans,
                                     LoopbackPorts ports) {
        NodeBackend backend = factory.open(name);
        Watchdog watchdog = null;
        NodeRelays relays = null;
        try {
            Map.Entry<String, Map<String, String>> cleanup = backend.watchdogCleanup();
            watchdog = Watchdog.start(cleanup.getKey(), cleanup.getValue());
            relays = NodeRelays.start(name + "-" + backend.id());
            List<BackendNode> prepared = backend.prepare(plans, ports);
            List<Node> nodes = new ArrayList<>();
            for (BackendNode node : prepared) {
                nodes.add(node(node, relays, backend));
            }
            return new TopologyNodes(backend, watchdog, relays, nodes);
        } catch (IOException e) {
            abandon(backend, watchdog, relays);
            throw new ClusterStartException("Could not prepare topology '" + name + "' on " + backend.kind() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            abandon(backend, watchdog, relays);
            throw e;
        }
    }

    private static Node node(BackendNode node, NodeRelays relays, NodeBackend backend) {
        NodePlan plan = node.plan();
        if (!plan.relayed()) {
            return new Node(plan, node, node.peerAddress(), null);
        }
        Relay client = relays.openClient(plan.name(), backend.relayBind(), () -> socket(node.reachable()));
        NodeAddress address = new NodeAddress(backend.relayHost(), client.address().getPort());
        NodeAddress bus = null;
        if (plan.role().hasBusPort()) {
            NodeAddress reachableBus = node.reachableBus().orElseThrow(() -> new IllegalStateException(
                    plan.name() + " has no bus port"));
            Relay busRelay = relays.openBus(plan.name(), plan.busId(), backend.relayBind(), () -> socket(reachableBus));
            bus = new NodeAddress(backend.relayHost(), busRelay.address().getPort());
        }
        return new Node(plan, node, address, bus);
    }

    private static InetSocketAddress socket(NodeAddress address) {
        return new InetSocketAddress(address.host(), address.port());
    }

    private static void abandon(NodeBackend backend, Watchdog watchdog, NodeRelays relays) {
        if (relays != null) {
            relays.close();
        }
        boolean gone = backend.close(CLOSE_TIMEOUT);
        if (watchdog != null && gone) {
            watchdog.close();
        }
    }

    public Backend kind() {
        return backend.kind();
    }

    public String id() {
        return backend.id();
    }

    public String description() {
        return backend.description();
    }

    /** The Redis version the nodes run, when the backend knows it before they start; else empty. */
    public String redisVersion() {
        return backend.redisVersion();
    }

    /** Every node, in plan order. */
    public List<Node> all() {
        return nodes;
    }

    /** The node named {@code name}. */
    public Node named(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node named " + name));
    }

    public NodeRelays relays() {
        return relays;
    }

    /** Connections for probes and commands, reused between calls. */
    public Probes probes() {
        return probes;
    }

    /**
     * Maps what nodes are known by inside the topology (their relays' addresses, a sentinel's own) to where the test
     * JVM reaches them directly; addresses of no node are returned unchanged.
     */
    public AddressMapper addressMapper() {
        Map<NodeAddress, NodeHandle> byAddress = new java.util.HashMap<>();
        for (Node node : nodes) {
            byAddress.put(node.address(), node);
        }
        return announced -> {
            NodeHandle node = byAddress.get(announced);
            return node == null ? announced : node.reachableAddress();
        };
    }

    /** Writes a node's config: it reads it at its next start. */
    public void writeConfig(Node node, String config) {
        backend.writeConfig(node.backend(), config);
    }

    /** Writes a file into a node's working directory: it reads it at its next start. */
    public void writeFile(Node node, String fileName, String content) {
        backend.writeFile(node.backend(), fileName, content);
    }

    /** Starts these nodes for the first time, all together; returns without waiting for them to answer. */
    public void start(List<Node> starting) {
        backend.start(starting.stream().map(Node::backend).toList());
    }

    /**
     * Called when {@code node} does not answer yet while it starts: throws if it never will, with the reason and its
     * log (a {@link PortTakenException} if its port was taken, so the start is tried again); returns otherwise.
     */
    public void checkStarting(Node node) {
        BackendNode part = node.backend();
        if (part.portTaken()) {
            throw new PortTakenException(node.name() + " could not bind port " + part.layout().port()
                    + " (taken by another process meanwhile)");
        }
        part.exit().ifPresent(exit -> {
            throw new ClusterStartException(node.name() + " " + exit + " while starting, on " + backend.kind()
                    + "; last lines of its log:\n" + part.logTail(LOG_TAIL_LINES));
        });
    }

    /**
     * Throws a {@link SentinelDrillException} if a node expected to run (not taken down or frozen by a fault) has
     * ended, with the tail of its log; returns otherwise.
     */
    public void checkProcesses() {
        for (Node node : nodes) {
            if (node.state() == NodeState.RUNNING) {
                node.backend().exit().ifPresent(exit -> {
                    throw new SentinelDrillException(node.name() + " " + exit + " unexpectedly; last lines of its log:\n"
                            + node.logTail(LOG_TAIL_LINES));
                });
            }
        }
    }

    /** Waits until each of {@code waiting} answers PING, checking they still run. */
    public void awaitAnswering(List<? extends NodeHandle> waiting, String why, Duration timeout,
                               Function<Node, Optional<RuntimeException>> whileWaiting) {
        Waits.until(names(waiting) + " answering PING" + why, timeout, () -> {
            List<String> problems = new ArrayList<>();
            for (NodeHandle handle : waiting) {
                Node node = (Node) handle;
                try {
                    String reply = probes.call(node.reachableAddress(), PING_TIMEOUT, c -> c.callString("PING"));
                    if (!"PONG".equals(reply)) {
                        problems.add(node.name() + " answered PING with " + reply);
                    }
                } catch (IOException e) {
                    whileWaiting.apply(node).ifPresent(failure -> {
                        throw failure;
                    });
                    problems.add(node.name() + " does not answer yet: " + e.getMessage());
                }
            }
            return problems;
        });
    }

    /** SIGKILL (docker kill); returns once the node is gone. */
    public void kill(Node node) {
        takeDown(node, () -> backend.kill(node.backend()));
    }

    /** SIGTERM; returns once the node is gone. */
    public void stop(Node node, Duration timeout) {
        takeDown(node, () -> backend.stop(node.backend(), timeout));
    }

    private void takeDown(Node node, Runnable action) {
        node.state(NodeState.DOWN);
        if (node.role() != io.github.sentineldrill.internal.node.NodeRole.SENTINEL) {
            relays.refuse(node.name());
        }
        action.run();
        probes.forget(node.reachableAddress());
    }

    public void freeze(Node node) {
        backend.freeze(node.backend());
        node.state(NodeState.FROZEN);
    }

    /** Resumes a frozen node; nothing if it is not frozen. */
    public void thawIfFrozen(Node node) {
        if (node.state() == NodeState.FROZEN) {
            backend.thaw(node.backend());
            node.state(NodeState.RUNNING);
        }
    }

    /**
     * Starts a node that is down again, on its addresses, from {@code config} (or the config it last had, when
     * empty); returns without waiting for it to answer.
     */
    public void restart(Node node, Optional<String> config) {
        if (node.state() != NodeState.DOWN) {
            throw new IllegalStateException(node.name() + " is " + node.state().describe()
                    + "; only a node that is down can be restarted");
        }
        config.ifPresent(text -> backend.writeConfig(node.backend(), text));
        if (node.role() != io.github.sentineldrill.internal.node.NodeRole.SENTINEL) {
            relays.listen(node.name());
        }
        backend.start(List.of(node.backend()));
        node.state(NodeState.RUNNING);
    }

    /** The last lines of every node's log, one section per node, for failure messages. */
    public String logTails() {
        return nodes.stream()
                .map(node -> "--- " + node.name() + ", last lines of its log:\n" + node.logTail(LOG_TAIL_LINES))
                .collect(Collectors.joining("\n"));
    }

    /** Names of nodes, for messages. */
    public static String names(List<? extends NodeHandle> nodes) {
        return nodes.stream().map(NodeHandle::name).collect(Collectors.joining(", "));
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops every node and removes everything, within a bounded time; idempotent, never throws. The watchdog is
     * disarmed only if the backend reports everything gone: otherwise it removes what is left when the JVM exits.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        probes.close();
        relays.close();
        boolean gone;
        try {
            gone = backend.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("Could not remove topology {} on {}: {}", backend.id(), backend.kind(), e.toString());
            gone = false;
        }
        if (gone) {
            watchdog.close();
        } else {
            LOG.warn("Topology {} on {} not fully removed; its watchdog removes the rest when this JVM exits",
                    backend.id(), backend.kind());
        }
    }

    /** Whether the watchdog still waits to clean up after a dead JVM: for tests of {@link #close()}. */
    boolean watchdogArmed() {
        return watchdog.isArmed();
    }

    /** How long a SIGKILL may take to end a node. */
    public static Duration killTimeout() {
        return KILL_TIMEOUT;
    }
}
