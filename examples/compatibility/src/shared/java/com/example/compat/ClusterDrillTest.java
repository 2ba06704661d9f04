package com.example.compat;

import io.github.sentineldrill.ShardedCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** One Redis Cluster drill with the built-in (cluster-aware) writer, on whatever this cell's build resolved. */
@RedisCluster(shards = 3, replicasPerShard = 1)
class ClusterDrillTest {

    @Test
    void killAShardMasterUnderTheBuiltInWriter(ShardedCluster cluster) {
        Cell.checkJava();
        Cell.checkBackend(cluster);
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(10))
                .fault(Faults.killMaster())
                .timeout(Duration.ofSeconds(20))
                .run();

        Cell.record("Redis Cluster", cluster, report);
        assertThat(report).failedOverWithin(Duration.ofSeconds(6)).recoveredWithin(Duration.ofSeconds(8));
        assertThat(report.verified()).as("the writes were looked up").isTrue();
    }
}
