package io.github.sentineldrill.examples;

import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.drill.WriteRecord;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisSentinelCluster;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Split brain: the master is cut off from its replicas and the sentinels for 7 s while clients still reach it. The
 * sentinels promote a replica; until the client moves to it, the old master acknowledges the client's writes, and
 * when the partition heals the old master becomes a replica of the new one and discards them.
 *
 * <p>{@code min-replicas-to-write 1} with {@code min-replicas-max-lag 1} makes the old master refuse writes
 * ({@code NOREPLICAS}) once no replica has acknowledged its stream for more than a second. Redis counts that lag in
 * whole seconds and recounts good replicas once a second, so it starts refusing at most 3 s into the partition: what
 * it acknowledged before can still be lost, nothing after.
 *
 * <p>Down-after is 3 s here (production uses 5 to 30 s), longer than that window, so that the drill shows the
 * difference: without the setting the old master takes writes until the failover, with it only for the window. The
 * sentinels fail a partitioned master over about 2 s after down-after (they start counting at their next ping, then
 * agree and promote), 5.2 s in measured runs; the partition lasts 7 s so that the failover happens within it.
 */
class SplitBrainTest {

    /** How long into the partition the old master may take writes, max-lag 1 s: 1 s + 1 s rounding + 1 s recount. */
    static final Duration LAG_WINDOW = Duration.ofSeconds(3);

    static FailoverReport partitionTheMasterUnderLoad(SentinelCluster cluster) {
        return cluster.drill()
                .load(WriteLoad.everyMillis(10))        // the built-in writer follows +switch-master at once
                .fault(Faults.partitionMaster(Duration.ofSeconds(7)))
                .timeout(Duration.ofSeconds(20))
                .run();
    }

    @Nested
    @RedisSentinelCluster(replicas = 2, sentinels = 3, quorum = 2, downAfterMillis = 3000)
    class WithoutMinReplicasToWrite {

        @Test
        void theOldMasterAcknowledgesWritesUntilTheFailoverAndAllOfThemAreLost(SentinelCluster cluster) {
            FailoverReport report = partitionTheMasterUnderLoad(cluster);

            assertThat(report).failedOverWithin(Duration.ofSeconds(7));
            // The sentinels cannot fail over before down-after (3 s), so at least that many writes at one every
            // 10 ms were acknowledged by the old master, and then discarded (less a margin for a slow writer).
            assertThat(report).lostWrites().isGreaterThanOrEqualTo(250);
            // ... including writes sent well after the lag window: nothing stopped the old master.
            assertThat(report.writes()).filteredOn(WriteRecord::lost)
                    .anySatisfy(write -> assertThat(write.sentAt()).isGreaterThan(LAG_WINDOW.plusMillis(500)));
        }
    }

    @Nested
    @RedisSentinelCluster(replicas = 2, sentinels = 3, quorum = 2, downAfterMillis = 3000,
            redisConfig = {"min-replicas-to-write 1", "min-replicas-max-lag 1"})
    class WithMinReplicasToWrite {

        @Test
        void theOldMasterRefusesWritesAfterTheLagWindowSoOnlyThatWindowIsLost(SentinelCluster cluster) {
            FailoverReport report = partitionTheMasterUnderLoad(cluster);

            assertThat(report).failedOverWithin(Duration.ofSeconds(7));
            // Between the lag window and the failover the old master answered NOREPLICAS: failed, not lost.
            assertThat(report).failedWrites().isPositive();
            // Every lost write was sent within the window (plus a margin for the writer), none after.
            assertThat(report.writes()).filteredOn(WriteRecord::lost)
                    .allSatisfy(write -> assertThat(write.sentAt()).isLessThan(LAG_WINDOW.plusMillis(500)));
            assertThat(report).hasLostWritesAtMost(350);
        }
    }
}
