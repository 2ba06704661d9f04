package io.github.sentineldrill.internal.resp;

import java.io.IOException;

/** Bytes that are not RESP2: a peer that is not a Redis node, or a stream cut in the middle of a reply. */
public final class RespProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    public RespProtocolException(String message) {
        super(message);
    }

    public RespProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
