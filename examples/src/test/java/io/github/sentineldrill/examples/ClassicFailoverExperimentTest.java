package io.github.sentineldrill.examples;

import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.SentinelEvent;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisSentinelCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic manual experiment, automated: one master, two replicas, three sentinels with quorum 2, a client writing
 * every 100 ms, the master stopped. The sentinels go +sdown, +odown, +switch-master; some writes fail; the client
 * carries on against the new master.
 */
@RedisSentinelCluster(replicas = 2, sentinels = 3, quorum = 2, downAfterMillis = 1000)
class ClassicFailoverExperimentTest {

    @Test
    void stoppingTheMasterFailsAFewWritesAndTheSentinelsPromoteAReplica(SentinelCluster cluster) {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(100))
                .fault(Faults.stopMaster())
                .timeout(Duration.ofSeconds(30))
                .run();

        assertThat(report)
                .failedOverWithin(Duration.ofSeconds(5))
                .recoveredWithin(Duration.ofSeconds(6))
                .hadWriteOutageAtMost(Duration.ofSeconds(6));
        assertThat(report.failedWrites() + report.indeterminateWrites()).isPositive();
        assertThat(report.timeline())
                .extracting(SentinelEvent::type)
                .containsSubsequence("+sdown", "+odown", "+switch-master");
        System.out.println(report.summary() + "\n" + report.compactTimeline());
    }
}
