package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.drill.WriteOutcome;
import io.github.sentineldrill.drill.WriteRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Buckets of round sizes, 60 to 150 of them, aligned on the injection, counting each write once. */
class WriteBucketsTest {

    @Test
    void aRoundSizeGivesSixtyToOneHundredFiftyBucketsPlusOneForTheAlignment() {
        for (long span : new long[] {60, 99, 150, 151, 700, 1_000, 4_321, 12_000, 59_999, 600_000}) {
            WriteBuckets buckets = WriteBuckets.of(List.of(), -span / 10.0, span - span / 10.0);

            assertThat(buckets.count()).as("span %d ms, buckets of %d ms", span, buckets.size())
                    .isBetween(60, WriteBuckets.MAX_BUCKETS + 1);
            assertThat(String.valueOf(buckets.size())).matches("[125]0*");
            assertThat(buckets.origin() % buckets.size()).as("aligned on the injection").isZero();
            assertThat(buckets.end()).isGreaterThanOrEqualTo(span - span / 10);
        }
    }

    @Test
    void eachWriteIsCountedOnceByWhatBecameOfIt() {
        List<WriteRecord> writes = new ArrayList<>();
        writes.add(write(-5, WriteOutcome.ACKNOWLEDGED, true));
        writes.add(write(-4, WriteOutcome.ACKNOWLEDGED, false));
        writes.add(write(0, WriteOutcome.INDETERMINATE, true));
        writes.add(write(1, WriteOutcome.FAILED, false));
        writes.add(write(99, WriteOutcome.ACKNOWLEDGED, true));

        WriteBuckets buckets = WriteBuckets.of(writes, -10, 100);

        int acknowledged = 0;
        int lost = 0;
        int indeterminate = 0;
        int failed = 0;
        for (int i = 0; i < buckets.count(); i++) {
            WriteBuckets.Bucket bucket = buckets.bucket(i);
            acknowledged += bucket.acknowledged();
            lost += bucket.lost();
            indeterminate += bucket.indeterminate();
            failed += bucket.failed();
        }
        assertThat(List.of(acknowledged, lost, indeterminate, failed)).containsExactly(2, 1, 1, 1);
        assertThat(buckets.maxTotal()).isEqualTo(1);
    }

    private static WriteRecord write(long sentAtMillis, WriteOutcome outcome, boolean present) {
        return new WriteRecord(sentAtMillis + 5, Duration.ofMillis(sentAtMillis), Duration.ofMillis(sentAtMillis + 1),
                outcome, outcome == WriteOutcome.FAILED ? WriteRecord.Presence.NOT_CHECKED
                        : present ? WriteRecord.Presence.PRESENT : WriteRecord.Presence.ABSENT);
    }
}
