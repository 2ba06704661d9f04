package io.github.sentineldrill.internal.resp;

import io.github.sentineldrill.NodeAddress;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A blocking RESP2 connection for the runtime's probes and commands. Every reply is awaited for at most the timeout
 * given at {@link #open} (or {@link #timeout(Duration)}), so a frozen or cut node answers with an {@link IOException}
 * instead of a hang. After any {@link IOException} but an error reply, the connection is in an unknown state (a late
 * reply may still come): close it.
 */
public final class RespConnection implements Closeable {

    private final NodeAddress address;
    private final Socket socket;
    private final RespReader reader;
    private final OutputStream out;

    private RespConnection(NodeAddress address, Socket socket) throws IOException {
        this.address = address;
        this.socket = socket;
        this.reader = new RespReader(new BufferedInputStream(socket.getInputStream()));
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Connects to {@code address} with {@code timeout} for the connect and for each reply. */
    public static RespConnection open(NodeAddress address, Duration timeout) throws IOException {
        int millis = millis(timeout);
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(millis);
            socket.connect(new InetSocketAddress(address.host(), address.port()), millis);
            return new RespConnection(address, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The address it is connected to. */
    public NodeAddress address() {
        return address;
    }

    /** Sets how long each following reply is awaited; {@link Duration#ZERO} waits as long as it takes. */
    public RespConnection timeout(Duration timeout) throws IOException {
        socket.setSoTimeout(timeout.isZero() ? 0 : millis(timeout));
        return this;
    }

    /** Whether the socket is still open (it may still have been closed by the peer). */
    public boolean isOpen() {
        return !socket.isClosed();
    }

    /**
     * Sends one command and reads its reply (see {@link RespReader}).
     *
     * @throws RespErrorReply when the server answers with an error
     */
    public Object call(String... command) throws IOException {
        encode(command).writeTo(out);
        out.flush();
        return reader.read();
    }

    /**
     * Sends several commands in one write and reads their replies in order. The server runs them back to back, with
     * no other client's command in between.
     *
     * @return one reply per command; an error reply is returned as a {@link RespErrorReply} in its place
     */
    public List<Object> pipeline(List<String[]> commands) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream(128);
        for (String[] command : commands) {
            encode(command).writeTo(all);
        }
        all.writeTo(out);
        out.flush();
        List<Object> replies = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            try {
                replies.add(reader.read());
            } catch (RespErrorReply error) {
                replies.add(error);
            }
        }
        return replies;
    }

    /** Sends a command without reading anything: for a subscription, whose replies are read with {@link #read()}. */
    public void send(String... command) throws IOException {
        encode(command).writeTo(out);
        out.flush();
    }

    /** Reads the next reply or pushed message. */
    public Object read() throws IOException {
        return reader.read();
    }

    /** {@link #call} for a reply that is a string. */
    public String callString(String... command) throws IOException {
        Object reply = call(command);
        if (reply != null && !(reply instanceof String)) {
            throw new RespProtocolException(String.join(" ", command) + ": expected a string reply, got " + reply);
        }
        return (String) reply;
    }

    /** {@link #call} for a reply that is an integer. */
    public long callLong(String... command) throws IOException {
        Object reply = call(command);
        if (!(reply instanceof Long number)) {
            throw new RespProtocolException(String.join(" ", command) + ": expected an integer reply, got " + reply);
        }
        return number;
    }

    /** {@link #call} for a reply that is a flat array of field / value pairs, as {@code SENTINEL MASTER} gives. */
    public Map<String, String> callFields(String... command) throws IOException {
        return fields(call(command), command);
    }

    /** {@link #call} for a reply that is an array of field / value arrays, as {@code SENTINEL REPLICAS} gives. */
    public List<Map<String, String>> callFieldsList(String... command) throws IOException {
        Object reply = call(command);
        if (!(reply instanceof List<?> items)) {
            throw new RespProtocolException(String.join(" ", command) + ": expected an array reply, got " + reply);
        }
        List<Map<String, String>> result = new ArrayList<>(items.size());
        for (Object item : items) {
            result.add(fields(item, command));
        }
        return result;
    }

    /** {@code INFO section} parsed into its {@code field:value} lines. */
    public Map<String, String> info(String section) throws IOException {
        return infoFields(callString("INFO", section));
    }

    /** The {@code field:value} lines of an {@code INFO} or {@code CLUSTER INFO} text. */
    public static Map<String, String> infoFields(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        if (text != null) {
            for (String line : text.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) {
                    result.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
        }
        return result;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket we are done with: nothing to do about a failure.
        }
    }

    private static Map<String, String> fields(Object reply, String[] command) throws IOException {
        if (!(reply instanceof List<?> list) || list.size() % 2 != 0) {
            throw new RespProtocolException(String.join(" ", command) + ": expected field / value pairs, got " + reply);
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i += 2) {
            result.put(String.valueOf(list.get(i)), String.valueOf(list.get(i + 1)));
        }
        return result;
    }

    static ByteArrayOutputStream encode(String[] command) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
        buffer.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String argument : command) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            buffer.writeBytes(bytes);
            buffer.writeBytes(new byte[] {'\r', '\n'});
        }
        return buffer;
    }

    private static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    @Override
    public String toString() {
        return "RespConnection[" + address + "]";
    }
}
