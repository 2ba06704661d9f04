package io.github.sentineldrill.examples;

import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisSentinelCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;

/** The README's example: a failover SLA, asserted on every build. */
@RedisSentinelCluster(replicas = 2, sentinels = 3)
class FailoverSlaTest {

    @Test
    void losingTheMasterMeetsOurFailoverSla(SentinelCluster cluster) {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(10))        // writes through a sentinel-aware client
                .fault(Faults.killMaster())             // SIGKILL while they flow
                .run();

        assertThat(report)
                .failedOverWithin(Duration.ofSeconds(5))
                .recoveredWithin(Duration.ofSeconds(6))
                .hasNoLostWrites();
    }
}
