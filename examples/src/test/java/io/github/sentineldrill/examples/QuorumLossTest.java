package io.github.sentineldrill.examples;

import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.SentinelEvent;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.fault.InjectedFault;
import io.github.sentineldrill.junit.RedisSentinelCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quorum lost: with two of the three sentinels down, the one left sees the master go down but cannot get a second
 * sentinel to agree (quorum 2), so nobody fails over and the client stays down with the master. Where the quorum is
 * met, the same drill fails over in about 2.3 s, so a 6 s timeout is ample.
 */
@RedisSentinelCluster(replicas = 2, sentinels = 3, quorum = 2)
class QuorumLossTest {

    @Test
    void withOneSentinelLeftTheMasterCrashIsNeverFailedOverAndTheClientStaysDown(SentinelCluster cluster) {
        try (InjectedFault twoSentinelsDown = cluster.inject(Faults.killSentinels(2))) {
            FailoverReport report = cluster.drill()
                    .load(WriteLoad.everyMillis(50))
                    .fault(Faults.killMaster())
                    .timeout(Duration.ofSeconds(6))
                    .run();

            assertThat(report).didNotFailOver();
            assertThat(report.recovered()).as("the client recovered").isFalse();
            // The surviving sentinel saw the master down (+sdown), but it never became objectively down (+odown).
            assertThat(report.timeline()).extracting(SentinelEvent::type).contains("+sdown").doesNotContain("+odown");
            // Healing the crash starts the master again, still the master for the sentinels, and empty: these nodes
            // keep nothing on disk. So every write acknowledged before the crash is reported lost; in production the
            // master's own RDB or AOF file is all that would bring them back.
            assertThat(report.lostWrites()).isEqualTo(report.acknowledgedWrites());
        }   // the two sentinels are started again

        cluster.awaitHealthy(Duration.ofSeconds(10));
    }
}
