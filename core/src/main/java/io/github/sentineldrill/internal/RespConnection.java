package io.github.sentineldrill.internal;

import io.github.sentineldrill.NodeAddress;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
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
 * A blocking RESP2 connection for control-plane probes (health checks, roles, sentinel state). Every call has the
 * socket timeout given at {@link #open}, so a frozen or cut node answers with an {@link IOException} instead of a hang.
 * It has no reconnect logic and no threads: what the probe sees is what the node did.
 */
public final class RespConnection implements Closeable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Connects to {@code address} with {@code timeout} for the connect and for each reply. */
    public static RespConnection open(NodeAddress address, Duration timeout) throws IOException {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(millis);
            socket.connect(new InetSocketAddress(address.host(), address.port()), millis);
            return new RespConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one command and reads its reply: a {@link String} (simple or bulk string), a {@link Long}, a
     * {@link List} of replies, or {@code null} (nil).
     *
     * @throws RespErrorReply when the server answers with an error
     */
    public Object call(String... command) throws IOException {
        writeCommand(command);
        return readReply();
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
                replies.add(readReply());
            } catch (RespErrorReply error) {
                replies.add(error);
            }
        }
        return replies;
    }

    /** {@link #call} for a reply that is a string. */
    public String callString(String... command) throws IOException {
        Object reply = call(command);
        if (reply != null && !(reply instanceof String)) {
            throw new IOException(String.join(" ", command) + ": expected a string reply, got " + reply);
        }
        return (String) reply;
    }

    /** {@link #call} for a reply that is a flat array of field / value pairs, as {@code SENTINEL MASTER} gives. */
    public Map<String, String> callFields(String... command) throws IOException {
        return fields(call(command), command);
    }

    /** {@link #call} for a reply that is an array of field / value arrays, as {@code SENTINEL REPLICAS} gives. */
    public List<Map<String, String>> callFieldsList(String... command) throws IOException {
        Object reply = call(command);
        if (!(reply instanceof List<?> items)) {
            throw new IOException(String.join(" ", command) + ": expected an array reply, got " + reply);
        }
        List<Map<String, String>> result = new ArrayList<>(items.size());
        for (Object item : items) {
            result.add(fields(item, command));
        }
        return result;
    }

    /** {@code INFO section} parsed into its {@code field:value} lines. */
    public Map<String, String> info(String section) throws IOException {
        String text = callString("INFO", section);
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
    public void close() throws IOException {
        socket.close();
    }

    private static Map<String, String> fields(Object reply, String[] command) throws IOException {
        if (!(reply instanceof List<?> list) || list.size() % 2 != 0) {
            throw new IOException(String.join(" ", command) + ": expected field / value pairs, got " + reply);
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i += 2) {
            result.put(String.valueOf(list.get(i)), String.valueOf(list.get(i + 1)));
        }
        return result;
    }

    private void writeCommand(String[] command) throws IOException {
        encode(command).writeTo(out);
        out.flush();
    }

    private static ByteArrayOutputStream encode(String[] command) {
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

    private Object readReply() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the server");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new RespErrorReply(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length != length || in.read() != '\r' || in.read() != '\n') {
                    throw new EOFException("truncated bulk string");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    try {
                        items.add(readReply());
                    } catch (RespErrorReply error) {
                        items.add(error);
                    }
                }
                return items;
            }
            default:
                throw new IOException("unexpected RESP type byte '" + (char) type + "'");
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(32);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the middle of a reply");
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("malformed RESP line");
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** An error reply ({@code -ERR ...}) from the server. */
    public static final class RespErrorReply extends IOException {
        private static final long serialVersionUID = 1L;

        RespErrorReply(String message) {
            super(message);
        }
    }
}
