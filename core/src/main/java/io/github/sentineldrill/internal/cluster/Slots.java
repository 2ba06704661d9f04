package io.github.sentineldrill.internal.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Redis Cluster's hash slots: which slot a key is in, the even split between shards, keys for a given range. */
public final class Slots {

    public static final int COUNT = 16384;

    private Slots() {
    }

    /** A range of slots, both ends included. */
    public record Range(int from, int to) {

        public boolean contains(int slot) {
            return slot >= from && slot <= to;
        }

        public int size() {
            return to - from + 1;
        }

        /** As {@code CLUSTER NODES} and {@code nodes.conf} write it: {@code 0-5460}, or {@code 7} for one slot. */
        @Override
        public String toString() {
            return from == to ? String.valueOf(from) : from + "-" + to;
        }
    }

    /** The slots of shard {@code index} of {@code shards}: an even split, in order, as {@code redis-cli} makes it. */
    public static Range ofShard(int index, int shards) {
        int from = (int) ((long) COUNT * index / shards);
        int to = (int) ((long) COUNT * (index + 1) / shards) - 1;
        return new Range(from, to);
    }

    /** The slot of {@code key}: CRC16 of the key, or of its hash tag (what is between the first {} pair), mod 16384. */
    public static int of(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                key = key.substring(open + 1, close);
            }
        }
        return crc16(key.getBytes(StandardCharsets.UTF_8)) % COUNT;
    }

    /** A hash tag, such as {@code {s0-17}}, whose keys fall into {@code range}. */
    public static String tagIn(Range range, String prefix) {
        for (int n = 0; n < 1_000_000; n++) {
            String tag = prefix + n;
            if (range.contains(of("{" + tag + "}"))) {
                return "{" + tag + "}";
            }
        }
        throw new IllegalStateException("no hash tag found for slots " + range);
    }

    /** Slot numbers as ranges, as in {@code CLUSTER NODES}: {@code [0-5460, 5470]}. */
    public static List<Range> ranges(List<String> fields) {
        List<Range> ranges = new ArrayList<>();
        for (String field : fields) {
            if (field.startsWith("[")) {
                continue;   // a slot being migrated or imported
            }
            int dash = field.indexOf('-');
            try {
                ranges.add(dash < 0 ? new Range(Integer.parseInt(field), Integer.parseInt(field))
                        : new Range(Integer.parseInt(field.substring(0, dash)),
                        Integer.parseInt(field.substring(dash + 1))));
            } catch (NumberFormatException notASlot) {
                // Nothing a slot field can be: skipped.
            }
        }
        return ranges;
    }

    /** CRC16-CCITT (XModem), the checksum Redis Cluster hashes keys with. */
    static int crc16(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xFFFF;
            }
        }
        return crc;
    }
}
