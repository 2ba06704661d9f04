package io.github.sentineldrill.drill;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.assertj.DrillAssertions;
import io.github.sentineldrill.assertj.DrillSoftAssertions;
import io.github.sentineldrill.fault.Faults;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.sentineldrill.drill.WriteOutcome.ACKNOWLEDGED;
import static io.github.sentineldrill.drill.WriteOutcome.FAILED;
import static io.github.sentineldrill.drill.WriteOutcome.INDETERMINATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The report's arithmetic, on hand-made write records and events: the definitions, exactly, and what a client lived
 * through in the cases that matter (failures, a stall that fails nothing, an outage that never ended, no interruption
 * at all, a hiccup before the fault), and that no bound passes on a figure that could not be measured.
 */
class FailoverReportTest {

    private static final DrillTopology SENTINEL = new DrillTopology(TopologyKind.SENTINEL, Backend.LOCAL,
            "requested", "mymaster", "1 master, 2 replicas, 3 sentinels (quorum 2)");

    private final List<WriteRecord> writes = new ArrayList<>();
    private final List<SentinelEvent> timeline = new ArrayList<>();
    private Duration loadEnd;
    private String verificationFailure;
    private long periodMillis = 100;

    @Test
    void figuresFollowTheirDefinitions() {
        write(-200, ACKNOWLEDGED, true);   // warm-up
        write(-100, ACKNOWLEDGED, true);
        write(0, ACKNOWLEDGED, false);     // acknowledged by the master just killed, never replicated: lost
        write(100, FAILED, false);         // first failure
        write(200, INDETERMINATE, true);   // applied after all
        write(300, INDETERMINATE, false);
        write(2400, ACKNOWLEDGED, true);   // recovery
        write(2500, ACKNOWLEDGED, true);
        event(1100, "sentinel-1", "+sdown");
        event(1150, "sentinel-2", "+odown");
        event(1140, "sentinel-0", "+odown");
        event(2300, "sentinel-2", "+switch-master");
        event(2290, "sentinel-0", "+switch-master");

        FailoverReport report = report();

        assertThat(report.detectionTime()).isEqualTo(Duration.ofMillis(1140));
        assertThat(report.failoverTime()).isEqualTo(Duration.ofMillis(2290));
        assertThat(report.clientInterrupted()).isTrue();
        assertThat(report.recovered()).isTrue();
        assertThat(report.clientRecoveryTime()).as("completion of the ack that ended the interruption")
                .isEqualTo(Duration.ofMillis(2401));
        assertThat(report.writeOutage()).as("from the ack completed at +1 ms to the one at +2401 ms")
                .isEqualTo(Duration.ofMillis(2400));
        assertThat(report.attemptedWrites()).isEqualTo(8);
        assertThat(report.acknowledgedWrites()).isEqualTo(5);
        assertThat(report.failedWrites()).isEqualTo(1);
        assertThat(report.indeterminateWrites()).isEqualTo(2);
        assertThat(report.lostWrites()).isEqualTo(1);
        assertThat(report.appliedButUnacknowledgedWrites()).isEqualTo(1);
        assertThat(report.timeline()).extracting(SentinelEvent::offset).isSorted();
        assertThat(report.summary()).contains("killMaster() on 'mymaster' (LOCAL)",
                "detection 1140 ms, failover 2290 ms, client recovery 2401 ms, write outage 2400 ms",
                "8 attempted, 5 acknowledged, 1 failed, 2 indeterminate (1 of them applied), 1 lost",
                "backend LOCAL: requested");
    }

    /** A client that queues its writes (Lettuce's default) fails nothing: it stalls, and the stall is the outage. */
    @Test
    void aClientThatOnlyStallsIsInterruptedAndRecoversWhenTheStallEnds() {
        periodMillis = 10;
        for (int sent = -500; sent < 0; sent += 10) {
            write(sent, 1, ACKNOWLEDGED, true);
        }
        write(0, 2886, ACKNOWLEDGED, true);          // queued through the failover, then answered
        for (int sent = 2890; sent < 3000; sent += 10) {
            write(sent, 1, ACKNOWLEDGED, true);
        }
        event(2200, "sentinel-0", "+switch-master");

        FailoverReport report = report();

        assertThat(report.failedWrites() + report.indeterminateWrites()).isZero();
        assertThat(report.clientInterrupted()).isTrue();
        assertThat(report.clientRecoveryTime()).isEqualTo(Duration.ofMillis(2886));
        assertThat(report.writeOutage()).isEqualTo(Duration.ofMillis(2886 - (-10 + 1)));
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).recoveredWithin(Duration.ofMillis(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the client to recover within 1 ms, but it took 2886 ms");
    }

    /** Quorum lost: the writes fail until the load stops; neither the recovery nor the outage can be bounded. */
    @Test
    void anOutageThatNeverEndedIsNotMeasuredAndNoBoundPassesOnIt() {
        periodMillis = 50;
        write(-100, ACKNOWLEDGED, true);
        write(-50, ACKNOWLEDGED, true);
        write(0, ACKNOWLEDGED, true);
        for (int sent = 50; sent < 6000; sent += 50) {
            write(sent, FAILED, false);
        }
        loadEnd = Duration.ofMillis(6000);

        FailoverReport report = report();

        assertThat(report.recovered()).isFalse();
        assertThat(report.clientRecoveryTimeIfAny()).isEmpty();
        assertThat(report.writeOutageIfEnded()).isEmpty();
        assertThat(report.writeOutageAtLeast()).isEqualTo(Duration.ofMillis(5999));
        assertThatThrownBy(report::writeOutage).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the outage had not ended when the load stopped at 6000 ms");
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).hadWriteOutageAtMost(Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected a write outage of at most 1000 ms, but it could not be measured")
                .hasMessageContaining("at least 5999 ms without an acknowledgement")
                .hasMessageContaining("already more than the bound");
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).hadWriteOutageAtMost(Duration.ofSeconds(60)))
                .as("a bound longer than what was seen does not pass either: the outage went on")
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("could not be measured");
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).recoveredWithin(Duration.ofSeconds(60)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the client to recover within 60000 ms, but it could not be measured:"
                        + " the client had not recovered when the load stopped at 6000 ms");
        assertThat(report.summary()).contains("NOT recovered", "client recovery not measured (still interrupted)",
                "write outage at least 5999 ms (still open)");
        assertThat(report.assertedBounds()).extracting(AssertedBound::passed).containsOnly(false);
        assertThat(report.assertedBounds()).extracting(AssertedBound::actual).containsOnlyNulls();
    }

    @Test
    void aClientNeverInterruptedRecoveredAtOnceAndSaysSo() {
        for (int sent = -300; sent < 3000; sent += 100) {
            write(sent, ACKNOWLEDGED, true);
        }

        FailoverReport report = report();

        assertThat(report.clientInterrupted()).isFalse();
        assertThat(report.recovered()).isTrue();
        assertThat(report.clientRecoveryTime()).isZero();
        assertThat(report.writeOutage()).isEqualTo(Duration.ofMillis(100));
        assertThat(report.summary()).contains("client recovery 0 ms (never interrupted)");
        DrillAssertions.assertThat(report).recoveredWithin(Duration.ofMillis(1)).hadWriteOutageAtMost(
                Duration.ofMillis(100)).didNotFailOver().hasNoLostWrites();
    }

    @Test
    void anInterruptionThatEndedBeforeTheFaultIsTheWarmUpsNotTheFaults() {
        write(-900, ACKNOWLEDGED, true);
        write(-800, FAILED, false);        // a hiccup of the warm-up
        write(-700, ACKNOWLEDGED, true);
        for (int sent = -600; sent < 2000; sent += 100) {
            write(sent, ACKNOWLEDGED, true);
        }

        FailoverReport report = report();

        assertThat(report.clientInterrupted()).isFalse();
        assertThat(report.clientRecoveryTime()).isZero();
        assertThat(report.writeOutage()).as("the warm-up's gap counts toward the outage: the client lived it")
                .isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void lostWritesThatCouldNotBeVerifiedAreNotMeasuredAndFailTheirBound() {
        verificationFailure = "verify(1) threw java.io.IOException: connection refused";
        write(-100, ACKNOWLEDGED, false);
        write(0, ACKNOWLEDGED, false);

        FailoverReport report = report();

        assertThat(report.verified()).isFalse();
        assertThat(report.lostWritesIfVerified()).isEmpty();
        assertThat(report.writes()).extracting(WriteRecord::presence).containsOnly(WriteRecord.Presence.NOT_CHECKED);
        assertThatThrownBy(report::lostWrites).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the writes could not be verified: verify(1) threw");
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).hasNoLostWrites())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected at most 0 lost writes, but they could not be measured");
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).lostWrites().isZero())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("lost writes, which the drill does not have");
        assertThat(report.summary()).contains("lost not measured");
        assertThat(report.assertedBounds()).singleElement().satisfies(bound -> {
            assertThat(bound.assertion()).isEqualTo("hasNoLostWrites()");
            assertThat(bound.measured()).isFalse();
        });
    }

    @Test
    void absentTimesSayWhatWasNotSeen() {
        write(-100, ACKNOWLEDGED, true);
        write(100, ACKNOWLEDGED, true);
        FailoverReport report = report();

        assertThat(report.failoverTimeIfAny()).isEmpty();
        assertThatThrownBy(report::failoverTime).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no sentinel announced +switch-master");
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(5)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected a failover within 5000 ms, but it could not be measured: no sentinel"
                        + " announced +switch-master");
    }

    @Test
    void assertionsShowTheBoundTheFigureAndTheTimelineAndRecordWhatTheTestCalled() {
        write(-100, ACKNOWLEDGED, true);
        write(0, FAILED, false);
        write(3000, ACKNOWLEDGED, true);
        event(2900, "sentinel-0", "+switch-master");
        FailoverReport report = report();

        assertThatThrownBy(() -> DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected a failover within 2000 ms, but it took 2900 ms")
                .hasMessageContaining("+2900 ms sentinel-0 +switch-master");
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).hadWriteOutageAtMost(Duration.ofSeconds(1)))
                .hasMessageContaining("Expected a write outage of at most 1000 ms, but it was 3100 ms")
                .isInstanceOf(AssertionError.class);
        DrillAssertions.assertThat(report).hasNoLostWrites().hasLostWritesAtMost(3);
        assertThat(report.assertedBounds()).extracting(AssertedBound::assertion).containsExactly(
                "failedOverWithin(2000 ms)", "hadWriteOutageAtMost(1000 ms)", "hasNoLostWrites()",
                "hasLostWritesAtMost(3)");
        assertThat(report.assertedBounds()).extracting(AssertedBound::passed).containsExactly(false, false, true, true);
    }

    @Test
    void detectionIsBoundedByTheFirstOdown() {
        write(-100, ACKNOWLEDGED, true);
        FailoverReport undetected = report();
        event(1200, "sentinel-1", "+odown");
        FailoverReport report = report();

        DrillAssertions.assertThat(report).detectedWithin(Duration.ofMillis(1200));
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).detectedWithin(Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the master to be detected down within 1000 ms, but it took 1200 ms");
        assertThatThrownBy(() -> DrillAssertions.assertThat(undetected).detectedWithin(Duration.ofSeconds(5)))
                .hasMessageContaining("Expected the master to be detected down within 5000 ms, but it could not be"
                        + " measured: no sentinel announced +odown");
    }

    @Test
    void aRedisClusterReportTakesItsTimesFromTheEventsAboutTheMasterTheFaultAimedAt() {
        write(-100, ACKNOWLEDGED, true);
        write(0, FAILED, false);
        write(2300, ACKNOWLEDGED, true);
        timeline.add(new SentinelEvent(Duration.ofMillis(-50), "redis-2", "+fail", "redis-0"));
        timeline.add(new SentinelEvent(Duration.ofMillis(900), "redis-2", "+fail", "redis-4"));
        timeline.add(new SentinelEvent(Duration.ofMillis(1000), "redis-5", "+promoted",
                "redis-5 took over from redis-2: serves slots 10923-16383, config epoch 7"));
        timeline.add(new SentinelEvent(Duration.ofMillis(1500), "redis-1", "+fail", "redis-0"));
        timeline.add(new SentinelEvent(Duration.ofMillis(2200), "redis-3", "+promoted",
                "redis-3 took over from redis-0: serves slots 0-5460, config epoch 8"));
        event(1400, "sentinel-0", "+odown");
        FailoverReport report = FailoverReport.builder()
                .topology(new DrillTopology(TopologyKind.REDIS_CLUSTER, Backend.DOCKER, "requested", "cluster",
                        "3 shards"))
                .fault(Faults.killMaster()).load(WriteLoad.everyMillis(100)).masters("redis-0", "redis-3")
                .timeline(timeline).writes(writes).build();

        assertThat(report.detectionTime()).isEqualTo(Duration.ofMillis(1500));
        assertThat(report.failoverTime()).isEqualTo(Duration.ofMillis(2200));
    }

    @Test
    void softAssertionsCollectEveryFailedBound() {
        write(-100, ACKNOWLEDGED, true);
        write(0, FAILED, false);
        write(3000, ACKNOWLEDGED, false);
        FailoverReport report = report();

        DrillSoftAssertions softly = new DrillSoftAssertions();
        softly.assertThat(report).recoveredWithin(Duration.ofSeconds(1)).hasNoLostWrites();
        assertThat(softly.errorsCollected()).hasSize(2);
    }

    @Test
    void aFigureThatWasNotMeasuredFailsAsAnAssertionSayingWhy() {
        write(-100, ACKNOWLEDGED, true);
        FailoverReport report = report();

        assertThatThrownBy(() -> DrillAssertions.assertThat(report).failoverTime().isLessThan(Duration.ofSeconds(5)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failover time, which the drill does not have: no sentinel announced"
                        + " +switch-master");
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).detectionTime().isPositive())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("detection time, which the drill does not have: no sentinel announced +odown");
    }

    @Test
    void aLoadThatEndsBeforeItsLastWriteCompletedIsRefused() {
        write(0, ACKNOWLEDGED, true);
        loadEnd = Duration.ZERO;

        assertThatThrownBy(this::report).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before its last write completed");
    }

    private FailoverReport report() {
        FailoverReport.Builder builder = FailoverReport.builder().topology(SENTINEL).fault(Faults.killMaster())
                .load(WriteLoad.everyMillis(periodMillis)).masters("redis-0", "redis-1")
                .timeline(timeline).writes(writes).loadEndedAt(loadEnd);
        if (verificationFailure != null) {
            builder.verificationFailed(verificationFailure);
        }
        return builder.build();
    }

    private void write(long sentAtMillis, WriteOutcome outcome, boolean present) {
        write(sentAtMillis, 1, outcome, present);
    }

    private void write(long sentAtMillis, long tookMillis, WriteOutcome outcome, boolean present) {
        WriteRecord.Presence presence = verificationFailure != null || outcome == FAILED
                ? WriteRecord.Presence.NOT_CHECKED
                : present ? WriteRecord.Presence.PRESENT : WriteRecord.Presence.ABSENT;
        writes.add(new WriteRecord(writes.size(), Duration.ofMillis(sentAtMillis),
                Duration.ofMillis(sentAtMillis + tookMillis), outcome, presence));
    }

    private void event(long atMillis, String source, String type) {
        timeline.add(new SentinelEvent(Duration.ofMillis(atMillis), source, type, "mymaster"));
    }
}
