package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.drill.WriteOutcome;
import io.github.sentineldrill.drill.WriteRecord;

import java.util.List;

/**
 * A drill's writes counted per bucket of send time, by what became of them. The bucket size is a round number of
 * milliseconds that divides the span into at most {@link #MAX_BUCKETS} buckets (and, over 60 ms or more, at least 60);
 * buckets are aligned on the injection, which can add one bucket at the start.
 */
final class WriteBuckets {

    static final int MAX_BUCKETS = 150;

    /** One bucket: the writes sent in {@code [start, start + size)} ms, each counted once. */
    record Bucket(long startMillis, int acknowledged, int lost, int indeterminate, int failed) {

        int total() {
            return acknowledged + lost + indeterminate + failed;
        }
    }

    private final long origin;
    private final long size;
    private final int[][] counts;

    private WriteBuckets(long origin, long size, int[][] counts) {
        this.origin = origin;
        this.size = size;
        this.counts = counts;
    }

    /** Buckets covering at least {@code fromMillis} to {@code toMillis}, which cover every write's send time. */
    static WriteBuckets of(List<WriteRecord> writes, double fromMillis, double toMillis) {
        long size = NiceSteps.atMost(toMillis - fromMillis, MAX_BUCKETS);
        long origin = Math.floorDiv((long) Math.floor(fromMillis), size) * size;
        int count = (int) Math.max(1, Math.ceil((toMillis - origin) / size));
        int[][] counts = new int[count][4];
        for (WriteRecord write : writes) {
            double sentAt = write.sentAt().toNanos() / 1e6;
            int index = (int) Math.min(count - 1, Math.max(0, Math.floor((sentAt - origin) / size)));
            counts[index][column(write)]++;
        }
        return new WriteBuckets(origin, size, counts);
    }

    /** Where the first bucket starts, in ms from the injection. */
    long origin() {
        return origin;
    }

    /** Where the last bucket ends. */
    long end() {
        return origin + size * counts.length;
    }

    long size() {
        return size;
    }

    int count() {
        return counts.length;
    }

    Bucket bucket(int index) {
        int[] c = counts[index];
        return new Bucket(origin + index * size, c[0], c[1], c[2], c[3]);
    }

    int maxTotal() {
        int max = 0;
        for (int i = 0; i < counts.length; i++) {
            max = Math.max(max, bucket(i).total());
        }
        return max;
    }

    private static int column(WriteRecord write) {
        if (write.lost()) {
            return 1;
        }
        return write.outcome() == WriteOutcome.ACKNOWLEDGED ? 0 : write.outcome() == WriteOutcome.INDETERMINATE ? 2 : 3;
    }
}
