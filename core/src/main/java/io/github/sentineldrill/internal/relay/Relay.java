package io.github.sentineldrill.internal.relay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A TCP relay to one port of one node: it accepts on its own port and forwards each connection to the node.
 *
 * <p>While {@link #cut()}, it forwards nothing in either direction and holds new connections unconnected, which is
 * what a peer sees of a network partition that drops packets: connections stay open and go silent, writes pile up in
 * socket buffers, and nothing is refused. {@link #restore()} lets everything flow on, as TCP does when a partition
 * heals. A connection to a node that is down is closed as soon as the node refuses it.
 *
 * <p>A relay may tell its connections apart by who opened them ({@link LinkTagger}): a connection whose tag the hub
 * has cut stalls like a cut relay's, so that a node can be cut off from the peers it connects to as well as from those
 * that connect to it. Only the hub's thread touches a relay.
 */
public final class Relay {

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    private static final int BUFFER_BYTES = 32 * 1024;

    private final String name;
    private final Selector selector;
    private final Supplier<InetSocketAddress> upstream;
    private final LinkTagger tagger;
    private final Set<String> cutTags;
    private final InetSocketAddress address;
    /** The listening socket; null while the relay refuses connections, as a port nobody listens on does. */
    private ServerSocketChannel server;
    private final Set<Link> links = new LinkedHashSet<>();
    /** Written by the hub's thread, read by health checks and resets on others. */
    private volatile boolean cut;

    /**
     * @param cutTags the hub's set of cut tags, read on the hub's thread only
     */
    Relay(String name, Selector selector, InetAddress bind, Supplier<InetSocketAddress> upstream, LinkTagger tagger,
          Set<String> cutTags) throws IOException {
        this.name = name;
        this.selector = selector;
        this.upstream = upstream;
        this.tagger = tagger;
        this.cutTags = cutTags;
        this.server = listen(new InetSocketAddress(bind, 0));
        this.address = (InetSocketAddress) server.getLocalAddress();
    }

    private ServerSocketChannel listen(InetSocketAddress at) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(at);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_ACCEPT, (Handler) key -> accept());
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Where the relay listens. Its port is fixed for the life of the relay. */
    public InetSocketAddress address() {
        return address;
    }

    /** Whether the relay is cut; safe to read from any thread. */
    public boolean isCut() {
        return cut;
    }

    /** How long ago the newest connection through this relay was accepted; empty when there is none. */
    OptionalLong newestLinkAgeNanos() {
        long now = System.nanoTime();
        return links.stream().mapToLong(link -> now - link.acceptedAtNanos).min();
    }

    void cut() {
        cut = true;
        links.forEach(Link::updateInterest);
    }

    void restore() {
        cut = false;
        resume();
    }

    /** Re-reads whether each link may flow: after a change of the relay's cut or of the hub's cut tags. */
    void resume() {
        for (Link link : new ArrayList<>(links)) {
            if (link.upstream == null && !stalled(link)) {
                link.connect();
            } else {
                link.updateInterest();
            }
        }
    }

    /**
     * Stops listening, so that connecting to the relay is refused as connecting to a node that is down is: a peer that
     * got a connection accepted would send a command and restart its timers, and notice the node later than it does.
     */
    void refuse() throws IOException {
        if (server != null) {
            closeQuietly(server);
            server = null;
            // A registered channel's socket is released when the selector next deregisters it: now.
            selector.selectNow();
        }
    }

    /** Listens again, on the same port, after {@link #refuse()}. */
    void listen() throws IOException {
        if (server == null) {
            server = listen(address);
        }
    }

    void close() {
        new ArrayList<>(links).forEach(Link::close);
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
    }

    private boolean stalled(Link link) {
        return cut || (link.tag != null && cutTags.contains(link.tag));
    }

    private void closeQuietly(ServerSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing relay {}: {}", name, e.toString());
        }
    }

    private void accept() {
        if (server == null) {
            return;
        }
        try {
            SocketChannel downstream;
            while ((downstream = server.accept()) != null) {
                Link link = new Link(downstream);
                links.add(link);
                if (!cut) {
                    link.connect();
                }
            }
        } catch (IOException e) {
            LOG.debug("relay {} could not accept: {}", name, e.toString());
        }
    }

    /** What the selector calls when a key of this relay is ready. */
    interface Handler {
        void handle(SelectionKey key) throws IOException;
    }

    /**
     * Tells who opened a connection from the first bytes it sent, such as the sender's node id in the header of a
     * Redis Cluster bus message.
     */
    public interface LinkTagger {

        /** Tags nothing: every link of the relay is untagged. */
        LinkTagger NONE = firstBytes -> Optional.of("");

        /**
         * The tag of a connection whose first bytes are {@code firstBytes} (read-only, position 0, at least one byte):
         * empty while more bytes are needed, {@code ""} for none.
         */
        Optional<String> tag(ByteBuffer firstBytes);
    }

    /** One connection through the relay: the peer's socket (downstream) and ours to the node (upstream). */
    private final class Link {
        private final long acceptedAtNanos = System.nanoTime();
        private final SocketChannel downstream;
        private final SelectionKey downstreamKey;
        private final ByteBuffer toNode = ByteBuffer.allocate(BUFFER_BYTES);
        private final ByteBuffer toPeer = ByteBuffer.allocate(BUFFER_BYTES);
        private SocketChannel upstream;
        private SelectionKey upstreamKey;
        private boolean connected;
        private boolean peerDone;
        private boolean nodeDone;
        /** Who opened it, once known; null before. */
        private String tag;

        Link(SocketChannel downstream) throws IOException {
            this.downstream = downstream;
            downstream.configureBlocking(false);
            downstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
            this.downstreamKey = downstream.register(selector, 0, (Handler) key -> onDownstream());
            if (tagger == LinkTagger.NONE) {
                tag = "";
            }
        }

        void connect() {
            try {
                upstream = SocketChannel.open();
                upstream.configureBlocking(false);
                upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
                upstreamKey = upstream.register(selector, 0, (Handler) key -> onUpstream());
                connected = upstream.connect(upstream());
                updateInterest();
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (IOException | RuntimeException | Error e) {
                LOG.debug("relay {} could not reach its node: {}", name, e.toString());
                close();
            }
        }

        private InetSocketAddress upstream() {
            InetSocketAddress target = Relay.this.upstream.get();
            return target.isUnresolved() ? new InetSocketAddress(target.getHostString(), target.getPort()) : target;
        }

        private void onUpstream() {
            try {
                if (!connected && upstreamKey.isConnectable()) {
                    connected = upstream.finishConnect();
                }
                if (connected) {
                    transfer();
                }
                updateInterest();
            } catch (IOException | RuntimeException e) {
                close();
            }
        }

        private void onDownstream() {
            try {
                transfer();
                updateInterest();
            } catch (IOException | RuntimeException e) {
                close();
            }
        }

        /** Moves what can be moved now, both ways; closes the link once a side has ended and its bytes are through. */
        private void transfer() throws IOException {
            if (cut) {
                return;
            }
            if (!peerDone && toNode.hasRemaining() && downstream.read(toNode) < 0) {
                peerDone = true;
            }
            if (tag == null && (toNode.position() > 0 || peerDone)) {
                identify();
            }
            if (!connected || stalled(this) || tag == null) {
                return;
            }
            if (!nodeDone && toPeer.hasRemaining() && upstream.read(toPeer) < 0) {
                nodeDone = true;
            }
            flush(toNode, upstream);
            flush(toPeer, downstream);
            if ((peerDone && toNode.position() == 0) || (nodeDone && toPeer.position() == 0)) {
                close();
            }
        }

        /** Reads the tag from the first bytes, once enough have come; a peer that ends first is untagged. */
        private void identify() {
            ByteBuffer firstBytes = toNode.duplicate().flip().asReadOnlyBuffer();
            tag = peerDone && toNode.position() == 0 ? ""
                    : tagger.tag(firstBytes).orElse(peerDone || !toNode.hasRemaining() ? "" : null);
            if (tag != null && stalled(this)) {
                LOG.trace("relay {} holds a link from {}", name, tag);
            }
        }

        private static void flush(ByteBuffer buffer, SocketChannel to) throws IOException {
            if (buffer.position() > 0) {
                buffer.flip();
                to.write(buffer);
                buffer.compact();
            }
        }

        void updateInterest() {
            if (!downstream.isOpen() || !downstreamKey.isValid()) {
                return;
            }
            boolean known = tag != null;
            boolean flowing = !cut && connected && known && !stalled(this);
            downstreamKey.interestOps(flowing
                    ? (toNode.hasRemaining() && !peerDone ? SelectionKey.OP_READ : 0)
                    | (toPeer.position() > 0 ? SelectionKey.OP_WRITE : 0)
                    // Until it is known who opened the link, read its first bytes (into the buffer, not further).
                    : !cut && !known && toNode.hasRemaining() && !peerDone ? SelectionKey.OP_READ : 0);
            if (upstreamKey != null && upstreamKey.isValid()) {
                upstreamKey.interestOps(!connected
                        ? SelectionKey.OP_CONNECT
                        : flowing
                        ? (toPeer.hasRemaining() && !nodeDone ? SelectionKey.OP_READ : 0)
                        | (toNode.position() > 0 ? SelectionKey.OP_WRITE : 0)
                        : 0);
            }
        }

        void close() {
            links.remove(this);
            closeQuietly(downstream);
            if (upstream != null) {
                closeQuietly(upstream);
            }
        }

        private static void closeQuietly(SocketChannel channel) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.trace("closing a relayed socket: {}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "Relay[" + name + " at " + address + (cut ? ", cut" : "") + "]";
    }
}
