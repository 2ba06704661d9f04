package io.github.sentineldrill.internal.resp;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RESP2 replies from a stream: a simple or bulk string as {@link String}, an integer as {@link Long}, an array
 * as a {@link List} (an error inside an array as a {@link RespErrorReply} element), nil as {@code null}. Whatever is
 * malformed is a {@link RespProtocolException}, never an unchecked exception.
 */
public final class RespReader {

    /** Longer lines or bulk strings than this are refused: a probe never needs them, a broken peer could send them. */
    static final int MAX_LENGTH = 64 * 1024 * 1024;
    private static final int MAX_ARRAY = 1 << 20;
    private static final int MAX_DEPTH = 8;

    private final InputStream in;

    public RespReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next reply.
     *
     * @throws RespErrorReply        when it is an error reply
     * @throws EOFException          when the stream ends before a whole reply
     * @throws RespProtocolException when it is not RESP2
     */
    public Object read() throws IOException {
        return read(0);
    }

    private Object read(int depth) throws IOException {
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
                return number(line);
            case '$': {
                long length = number(line);
                if (length < 0) {
                    return null;
                }
                if (length > MAX_LENGTH) {
                    throw new RespProtocolException("bulk string of " + length + " bytes, more than " + MAX_LENGTH);
                }
                byte[] bytes = in.readNBytes((int) length);
                if (bytes.length != length) {
                    throw new EOFException("connection closed in the middle of a bulk string");
                }
                int cr = in.read();
                int lf = in.read();
                if (cr != '\r' || lf != '\n') {
                    throw cr < 0 || lf < 0 ? new EOFException("connection closed after a bulk string")
                            : new RespProtocolException("a bulk string not followed by CRLF");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*': {
                long count = number(line);
                if (count < 0) {
                    return null;
                }
                if (count > MAX_ARRAY || depth >= MAX_DEPTH) {
                    throw new RespProtocolException("an array of " + count + " elements at depth " + depth);
                }
                List<Object> items = new ArrayList<>((int) count);
                for (int i = 0; i < count; i++) {
                    try {
                        items.add(read(depth + 1));
                    } catch (RespErrorReply error) {
                        items.add(error);
                    }
                }
                return items;
            }
            default:
                throw new RespProtocolException("unexpected RESP type byte 0x" + Integer.toHexString(type & 0xFF));
        }
    }

    private static long number(String line) throws RespProtocolException {
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new RespProtocolException("not a number: '" + abbreviate(line) + "'", e);
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
                int next = in.read();
                if (next == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                throw next < 0 ? new EOFException("connection closed in the middle of a line")
                        : new RespProtocolException("CR not followed by LF");
            }
            if (line.size() >= MAX_LENGTH) {
                throw new RespProtocolException("a line longer than " + MAX_LENGTH + " bytes");
            }
            line.write(b);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
