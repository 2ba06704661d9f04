package io.github.sentineldrill.internal.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tags a Redis Cluster bus connection with the id of the node that opened it, read from the header of the first
 * message it sends: the signature {@code RCmb}, then (after the length, version, port, type, count and three 64-bit
 * epochs and offsets) the sender's 40-character node id at bytes 40 to 79. This header is the same in every Redis
 * version with a cluster bus (protocol version 1). A connection that does not start so is untagged.
 */
public final class ClusterBusTagger implements Relay.LinkTagger {

    static final int SENDER_OFFSET = 40;
    static final int NODE_ID_LENGTH = 40;
    private static final byte[] SIGNATURE = "RCmb".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Optional<String> tag(ByteBuffer firstBytes) {
        int available = firstBytes.remaining();
        for (int i = 0; i < Math.min(available, SIGNATURE.length); i++) {
            if (firstBytes.get(firstBytes.position() + i) != SIGNATURE[i]) {
                return Optional.of("");
            }
        }
        if (available < SENDER_OFFSET + NODE_ID_LENGTH) {
            return Optional.empty();
        }
        byte[] id = new byte[NODE_ID_LENGTH];
        firstBytes.get(firstBytes.position() + SENDER_OFFSET, id);
        return Optional.of(new String(id, StandardCharsets.US_ASCII));
    }
}
