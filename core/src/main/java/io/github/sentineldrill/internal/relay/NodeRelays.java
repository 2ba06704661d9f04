package io.github.sentineldrill.internal.relay;

import io.github.sentineldrill.RedisNode;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The relays of a topology's data nodes, one per node, and the hub that serves them. */
public final class NodeRelays implements AutoCloseable {

    private final RelayHub hub;
    private final Map<RedisNode, Relay> relays = new ConcurrentHashMap<>();

    private NodeRelays(RelayHub hub) {
        this.hub = hub;
    }

    /** Starts the hub; {@code name} names its thread. */
    public static NodeRelays start(String name) {
        return new NodeRelays(RelayHub.start(name));
    }

    /** Opens a relay (see {@link RelayHub#open}); {@link #assign} it to its node once the node exists. */
    public Relay open(String name, InetAddress bind, Supplier<InetSocketAddress> upstream) {
        return hub.open(name, bind, upstream);
    }

    public void assign(RedisNode node, Relay relay) {
        relays.put(node, relay);
    }

    /** Whether {@code node}'s peers are cut off from it. */
    public boolean isCut(RedisNode node) {
        return of(node).isCut();
    }

    /** Cuts {@code node} off from its peers; see {@link Relay}. */
    public void cut(RedisNode node) {
        hub.cut(of(node));
    }

    public void restore(RedisNode node) {
        hub.restore(of(node));
    }

    /** Refuses peers' connections to {@code node}, as its port would while it is down. */
    public void refuse(RedisNode node) {
        hub.refuse(of(node));
    }

    /** Accepts peers' connections to {@code node} again, on the same port. */
    public void listen(RedisNode node) {
        hub.listen(of(node));
    }

    /** How long ago the newest peer connection to {@code node} was made; empty when there is none. */
    public OptionalLong newestLinkAge(RedisNode node) {
        return hub.newestLinkAge(of(node));
    }

    private Relay of(RedisNode node) {
        return Objects.requireNonNull(relays.get(node), () -> node.name() + " has no relay");
    }

    /** Closes every relay and every connection through them. Idempotent. */
    @Override
    public void close() {
        hub.close();
    }
}
