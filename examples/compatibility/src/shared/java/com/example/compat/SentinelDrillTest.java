package com.example.compat;

import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisSentinelCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** One Sentinel drill with the built-in writer, on whatever this cell's build resolved. */
@RedisSentinelCluster(replicas = 1, sentinels = 3)
class SentinelDrillTest {

    @Test
    void killMasterUnderTheBuiltInWriter(SentinelCluster cluster) {
        Cell.checkJava();
        Cell.checkBackend(cluster);
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(10))
                .fault(Faults.killMaster())
                .timeout(Duration.ofSeconds(20))
                .run();

        Cell.record("Sentinel", cluster, report);
        assertThat(report).failedOverWithin(Duration.ofSeconds(5)).recoveredWithin(Duration.ofSeconds(6));
        assertThat(report.verified()).as("the writes were looked up").isTrue();
    }
}
