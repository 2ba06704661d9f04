package io.github.sentineldrill.examples;

import io.github.sentineldrill.ShardedCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.drill.WriteRecord;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis Cluster's documented write-loss window, measured: a shard master cut off from the other nodes (but not from
 * the client) acknowledges writes until node-timeout tells it it is in the minority, then refuses them; meanwhile its
 * replica is promoted on the majority side, and when the partition heals the old master rejoins as a replica and
 * discards what it acknowledged alone. The drill counts those writes exactly.
 */
@RedisCluster(shards = 3, replicasPerShard = 1, nodeTimeoutMillis = 1000)
class ClusterSplitBrainTest {

    @Test
    void aPartitionedShardMasterLosesWhatItAcknowledgedUntilItKnewItWasInTheMinority(ShardedCluster cluster) {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(10))     // into the partitioned master's shard
                .fault(Faults.partitionMaster(Duration.ofSeconds(4)))
                .timeout(Duration.ofSeconds(20))
                .run();

        assertThat(report).failedOverWithin(Duration.ofSeconds(5));
        assertThat(report.lostWrites()).as("acknowledged by the partitioned master alone, then discarded").isPositive();
        // Every lost write was acknowledged before the old master stopped taking writes: within about node-timeout
        // (plus the time it takes it to learn of its minority) of the partition.
        assertThat(report.writes()).filteredOn(WriteRecord::lost)
                .allSatisfy(write -> assertThat(write.sentAt()).isLessThan(Duration.ofSeconds(3)));
        System.out.println(report.summary());
    }
}
