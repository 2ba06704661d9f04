package io.github.sentineldrill;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A PING over a fresh connection, for tests and benchmarks that must not depend on a client library. */
public final class Ping {

    private Ping() {
    }

    /** Whether a Redis node on {@code host:port} answers PING within {@code timeout}; refused or silent is no. */
    public static boolean answers(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read() == '+';
        } catch (IOException notAnswering) {
            return false;
        }
    }
}
