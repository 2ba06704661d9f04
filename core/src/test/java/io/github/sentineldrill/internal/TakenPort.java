package io.github.sentineldrill.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A 127.0.0.1 port this test holds, and port sources that hand it out as if it were free. */
public final class TakenPort implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger handedOut = new AtomicInteger();

    public TakenPort() throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How many port lists the sources below have handed out. */
    public int listsHandedOut() {
        return handedOut.get();
    }

    /** Free ports, except that the first list's first port is this one. */
    public LoopbackPorts inFirstList() {
        return count -> withThisFirst(count, handedOut.getAndIncrement() == 0);
    }

    /** Free ports, except that every list's first port is this one. */
    public LoopbackPorts inEveryList() {
        return count -> {
            handedOut.incrementAndGet();
            return withThisFirst(count, true);
        };
    }

    private List<Integer> withThisFirst(int count, boolean taken) throws IOException {
        List<Integer> ports = new ArrayList<>(LoopbackPorts.FREE.take(count));
        if (taken) {
            ports.set(0, port());
        }
        return ports;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
