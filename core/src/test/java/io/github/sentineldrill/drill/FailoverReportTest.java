package io.github.sentineldrill.drill;

import io.github.sentineldrill.ClusterSpec;
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

/** The report's arithmetic, on hand-made write records and events: the definitions, exactly. */
class FailoverReportTest {

    private final List<WriteRecord> writes = new ArrayList<>();
    private final List<SentinelEvent> timeline = new ArrayList<>();

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

        FailoverReport report = report(true);

        assertThat(report.detectionTime()).isEqualTo(Duration.ofMillis(1140));
        assertThat(report.failoverTime()).isEqualTo(Duration.ofMillis(2290));
        assertThat(report.clientRecoveryTime()).as("completion of the first ack after the first failure")
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
        assertThat(report.summary()).contains("detection 1140 ms, failover 2290 ms, client recovery 2401 ms",
                "8 attempted, 5 acknowledged, 1 failed, 2 indeterminate (1 of them applied), 1 lost");
    }

    @Test
    void absentTimesSayWhatWasNotSeen() {
        write(-100, ACKNOWLEDGED, true);
        write(100, ACKNOWLEDGED, true);
        FailoverReport report = report(true);

        assertThat(report.failoverTimeIfAny()).isEmpty();
        assertThatThrownBy(report::failoverTime).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no sentinel announced +switch-master");
        assertThatThrownBy(report::clientRecoveryTime).hasMessageContaining("no write failed");
        DrillAssertions.assertThat(report).didNotFailOver().recoveredWithin(Duration.ofMillis(1)).hasNoLostWrites();
    }

    @Test
    void assertionsShowTheBoundTheFigureAndTheTimeline() {
        write(-100, ACKNOWLEDGED, true);
        write(0, FAILED, false);
        write(3000, ACKNOWLEDGED, true);
        event(2900, "sentinel-0", "+switch-master");
        FailoverReport report = report(true);

        assertThatThrownBy(() -> DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected a failover within 2000 ms, but it took 2900 ms")
                .hasMessageContaining("+2900 ms sentinel-0 +switch-master");
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).hadWriteOutageAtMost(Duration.ofSeconds(1)))
                .hasMessageContaining("Expected a write outage of at most 1000 ms, but it was 3100 ms")
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void detectionIsBoundedByTheFirstOdown() {
        write(-100, ACKNOWLEDGED, true);
        FailoverReport undetected = report(true);
        event(1200, "sentinel-1", "+odown");
        FailoverReport report = report(true);

        DrillAssertions.assertThat(report).detectedWithin(Duration.ofMillis(1200));
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).detectedWithin(Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the master to be detected down within 1000 ms, but it took 1200 ms");
        assertThatThrownBy(() -> DrillAssertions.assertThat(undetected).detectedWithin(Duration.ofSeconds(5)))
                .hasMessageContaining("Expected the master to be detected down within 5000 ms, but no sentinel"
                        + " announced +odown");
    }

    @Test
    void softAssertionsCollectEveryFailedBound() {
        write(0, FAILED, false);
        write(3000, ACKNOWLEDGED, false);
        FailoverReport report = report(false);

        DrillSoftAssertions softly = new DrillSoftAssertions();
        softly.assertThat(report).recoveredWithin(Duration.ofSeconds(1)).hasNoLostWrites();
        assertThat(softly.errorsCollected()).hasSize(2);
    }

    @Test
    void aFigureWhoseEventWasNotSeenFailsAsAnAssertionSayingWhy() {
        write(-100, ACKNOWLEDGED, true);
        FailoverReport report = report(true);

        assertThatThrownBy(() -> DrillAssertions.assertThat(report).failoverTime().isLessThan(Duration.ofSeconds(5)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failover time, which the drill does not have: no sentinel announced"
                        + " +switch-master");
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).detectionTime().isPositive())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("detection time, which the drill does not have: no sentinel announced +odown");
    }

    private FailoverReport report(boolean recovered) {
        return new FailoverReport(ClusterSpec.builder().build(), Faults.killMaster(), WriteLoad.everyMillis(100),
                "redis-0", "redis-1", recovered, timeline, writes);
    }

    private void write(long sentAtMillis, WriteOutcome outcome, boolean present) {
        writes.add(new WriteRecord(writes.size(), Duration.ofMillis(sentAtMillis), Duration.ofMillis(sentAtMillis + 1),
                outcome, present));
    }

    private void event(long atMillis, String source, String type) {
        timeline.add(new SentinelEvent(Duration.ofMillis(atMillis), source, type, "mymaster"));
    }
}
