package io.github.sentineldrill.internal.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The relays of a topology's nodes, by node name, and the hub that serves them. A node has a relay for its client
 * port (what replicas, sentinels and cluster peers connect to) and, in a Redis Cluster, one for its bus port, whose
 * links are tagged with the id of the node that opened them ({@link ClusterBusTagger}). Cutting a node stalls both of
 * its relays and every bus link it opened to its peers: it is parted from its peers both ways.
 */
public final class NodeRelays implements AutoCloseable {

    private final RelayHub hub;
    private final Map<String, Relay> clientRelays = new ConcurrentHashMap<>();
    private final Map<String, Relay> busRelays = new ConcurrentHashMap<>();
    private final Map<String, String> busIds = new ConcurrentHashMap<>();
    private final Set<String> cut = ConcurrentHashMap.newKeySet();

    private NodeRelays(RelayHub hub) {
        this.hub = hub;
    }

    /** Starts the hub; {@code name} names its thread. */
    public static NodeRelays start(String name) {
        return new NodeRelays(RelayHub.start(name));
    }

    /** Opens the relay to {@code node}'s client port, listening on {@code bind} (an ephemeral port). */
    public Relay openClient(String node, InetAddress bind, Supplier<InetSocketAddress> upstream) {
        Relay relay = hub.open(node, bind, upstream);
        clientRelays.put(node, relay);
        return relay;
    }

    /** Opens the relay to {@code node}'s cluster bus port; {@code nodeId} is the id it announces on the bus. */
    public Relay openBus(String node, String nodeId, InetAddress bind, Supplier<InetSocketAddress> upstream) {
        Relay relay = hub.open(node + "-bus", bind, upstream, new ClusterBusTagger());
        busRelays.put(node, relay);
        busIds.put(node, nodeId);
        return relay;
    }

    /** The relay to {@code node}'s client port, if it has one. */
    public Optional<Relay> client(String node) {
        return Optional.ofNullable(clientRelays.get(node));
    }

    /** The relay to {@code node}'s bus port, if it has one. */
    public Optional<Relay> bus(String node) {
        return Optional.ofNullable(busRelays.get(node));
    }

    /** Whether {@code node} is cut off from its peers. */
    public boolean isCut(String node) {
        return cut.contains(node);
    }

    /** Cuts {@code node} off from its peers, both ways; see {@link Relay}. */
    public void cut(String node) {
        requireRelay(node);
        client(node).ifPresent(hub::cut);
        bus(node).ifPresent(hub::cut);
        Optional.ofNullable(busIds.get(node)).ifPresent(hub::cutTag);
        cut.add(node);
    }

    /** Lifts the cut of {@code node}; nothing if it is not cut. */
    public void restore(String node) {
        if (!cut.remove(node)) {
            return;
        }
        client(node).ifPresent(hub::restore);
        bus(node).ifPresent(hub::restore);
        Optional.ofNullable(busIds.get(node)).ifPresent(hub::restoreTag);
    }

    /** Refuses peers' connections to {@code node}, as its ports would while it is down. */
    public void refuse(String node) {
        client(node).ifPresent(hub::refuse);
        bus(node).ifPresent(hub::refuse);
    }

    /** Accepts peers' connections to {@code node} again, on the same ports. */
    public void listen(String node) {
        client(node).ifPresent(hub::listen);
        bus(node).ifPresent(hub::listen);
    }

    /** How long ago the newest peer connection to {@code node}'s client port was made; empty when there is none. */
    public OptionalLong newestLinkAge(String node) {
        return client(node).map(hub::newestLinkAge).orElse(OptionalLong.empty());
    }

    private void requireRelay(String node) {
        Objects.requireNonNull(clientRelays.get(node), () -> node + " has no relay");
    }

    /** Closes every relay and every connection through them. Idempotent. */
    @Override
    public void close() {
        hub.close();
    }
}
