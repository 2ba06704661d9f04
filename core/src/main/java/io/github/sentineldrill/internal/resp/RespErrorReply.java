package io.github.sentineldrill.internal.resp;

import java.io.IOException;

/** An error reply ({@code -ERR ...}, {@code -READONLY ...}) from the server. */
public final class RespErrorReply extends IOException {

    private static final long serialVersionUID = 1L;

    public RespErrorReply(String message) {
        super(message);
    }
}
