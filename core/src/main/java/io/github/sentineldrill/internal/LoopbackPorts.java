package io.github.sentineldrill.internal;

import io.github.sentineldrill.ClusterStartException;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a topology gets the 127.0.0.1 ports its nodes bind (LOCAL) or publish (DOCKER). A port can be taken by another
 * process between being chosen and being bound; backends then start again with fresh ports, a bounded number of
 * times. Tests pass a source that hands out a taken port to show it.
 */
@FunctionalInterface
public interface LoopbackPorts {

    /** Ports the kernel hands out for 127.0.0.1, all held open together so that they differ, then released. */
    LoopbackPorts FREE = count -> {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            List<Integer> ports = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
                ports.add(socket.getLocalPort());
            }
            return ports;
        } finally {
            IOException failedClose = null;
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    failedClose = e;
                }
            }
            if (failedClose != null) {
                throw failedClose;
            }
        }
    };

    /** How many times a backend starts a topology with fresh ports before it gives up. */
    int START_ATTEMPTS = 3;

    /** {@code count} distinct ports that were free a moment ago. */
    List<Integer> take(int count) throws IOException;

    /**
     * {@code count} distinct ports {@code p}, each with {@code p + offset} free as well a moment ago: the client and
     * bus ports of Redis Cluster nodes before Redis 7, whose bus port is always the client port + 10000.
     */
    default List<Integer> takeWithPartners(int count, int offset) throws IOException {
        List<Integer> chosen = new ArrayList<>(count);
        for (int attempt = 0; chosen.size() < count; attempt++) {
            if (attempt > 100 * count) {
                throw new IOException("found no " + count + " free loopback ports p with p + " + offset
                        + " free as well in " + attempt + " attempts");
            }
            int port = take(1).get(0);
            int partner = port + offset;
            if (partner <= 65_535 && !chosen.contains(port) && !chosen.contains(partner)
                    && chosen.stream().noneMatch(p -> p + offset == port) && isFree(partner)) {
                chosen.add(port);
            }
        }
        return chosen;
    }

    /** Whether {@code port} on 127.0.0.1 can be bound now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /**
     * Runs {@code start} (which leaves nothing behind when it fails) until it does not fail with a
     * {@link PortTakenException}, at most {@link #START_ATTEMPTS} times.
     *
     * @throws ClusterStartException naming the taken port when every attempt found one
     */
    static <T> T startWithFreshPorts(String masterName, Supplier<T> start) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.get();
            } catch (PortTakenException e) {
                if (attempt == START_ATTEMPTS) {
                    throw new ClusterStartException("Could not start topology '" + masterName + "': "
                            + e.getMessage() + " in " + START_ATTEMPTS + " attempts with fresh ports", e);
                }
                LoggerFactory.getLogger(LoopbackPorts.class).info(
                        "Port taken while starting {}, starting again with fresh ports: {}", masterName, e.getMessage());
            }
        }
    }
}
