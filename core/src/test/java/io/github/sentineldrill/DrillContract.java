package io.github.sentineldrill;

import io.github.sentineldrill.assertj.DrillAssertions;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.SentinelEvent;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.drill.WriteOutcome;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.fault.InjectedFault;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drills on real topologies prove the accounting: what the report says was lost, failed or recovered is what
 * happened. One topology (1 + 2 + 3, quorum 2, down-after 1000 ms) per class, reset before each test.
 */
abstract class DrillContract extends FailoverTopologyContract {

    /** The classic experiment: a write every 100 ms, the master killed. */
    @Test
    void killMasterUnderTheBuiltInWriterFailsSomeWritesAndRecoversOnTheNewMaster() {
        String oldMaster = cluster.master().name();
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(100))
                .fault(Faults.killMaster())
                .timeout(Duration.ofSeconds(20))
                .run();

        DrillAssertions.assertThat(report)
                .failedOverWithin(Duration.ofSeconds(5))
                .recoveredWithin(Duration.ofSeconds(6))
                .hadWriteOutageAtMost(Duration.ofSeconds(6));
        assertThat(report.oldMaster()).isEqualTo(oldMaster);
        assertThat(report.newMaster()).isNotEqualTo(oldMaster);
        assertThat(report.failedWrites() + report.indeterminateWrites()).as("writes during the outage").isPositive();
        assertThat(report.detectionTime()).isLessThan(report.failoverTime());
        assertThat(report.clientRecoveryTime()).isGreaterThanOrEqualTo(report.failoverTime().minusMillis(200));
        assertThat(report.attemptedWrites())
                .isEqualTo(report.acknowledgedWrites() + report.failedWrites() + report.indeterminateWrites());
        assertThat(firstOffsets(report, "+sdown", "+odown", "+switch-master")).isSorted();
        assertThat(report.timeline()).extracting(SentinelEvent::type)
                .contains(SentinelEvent.FAULT_INJECTED, SentinelEvent.FIRST_FAILED_WRITE,
                        SentinelEvent.CLIENT_RECOVERED, SentinelEvent.FAULT_HEALED);
    }

    @Test
    void aCustomLoadWhoseVerifierMissesExactlyKAcknowledgedWritesReportsExactlyKLost() {
        Set<Long> missing = Set.of(1L, 2L, 3L);
        RedisClient client = RedisClient.create(cluster.clientResources(), cluster.sentinelUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            FailoverReport report = cluster.drill()
                    .load(WriteLoad.custom(
                                    sequence -> connection.sync().set("custom:" + sequence, "x"),
                                    sequence -> !missing.contains(sequence)
                                            && connection.sync().exists("custom:" + sequence) == 1)
                            .every(Duration.ofMillis(20)))
                    .fault(Faults.killReplica(0))
                    .timeout(Duration.ofSeconds(10))
                    .run();

            assertThat(report.writes()).filteredOn(w -> missing.contains(w.sequence()))
                    .allMatch(w -> w.outcome() == WriteOutcome.ACKNOWLEDGED);
            assertThat(report.lostWrites()).isEqualTo(missing.size());
            assertThat(report.writes()).filteredOn(w -> w.lost()).extracting(w -> w.sequence())
                    .containsExactlyInAnyOrderElementsOf(missing);
            DrillAssertions.assertThat(report).didNotFailOver().hasLostWritesAtMost(3);
            assertThatThrownBy(() -> DrillAssertions.assertThat(report).hasNoLostWrites())
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected at most 0 lost writes, but 3 acknowledged writes are absent")
                    .hasMessageContaining("killReplica(0)");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void manualFailoverWhileIdleLosesNothing() {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(5000))
                .fault(Faults.manualFailover())
                .timeout(Duration.ofSeconds(20))
                .run();

        DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(5)).hasNoLostWrites();
        assertThat(report.acknowledgedWrites()).isGreaterThanOrEqualTo(2);
        assertThat(report.newMaster()).isNotEqualTo(report.oldMaster());
    }

    /**
     * Jepsen, 2013: under a partition, a sentinel-aware client keeps writing to the old master, and loses it all. The
     * partition lasts well beyond the failover (a silent link is noticed by the sentinels' pings, a little later than a
     * refused one), so that the failover happens while it holds.
     */
    @Test
    void partitionMasterUnderASentinelAwareClientLosesAcknowledgedWrites() {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(10))
                .fault(Faults.partitionMaster(Duration.ofSeconds(6)))
                .timeout(Duration.ofSeconds(20))
                .run();

        DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(5));
        assertThat(report.lostWrites()).as("acknowledged by the old master, discarded at the heal").isPositive();
        // Lost: acknowledged while the partition held, or just before it, by a write still on its way to the replicas
        // when the replication was cut (replication is asynchronous); none from the rest of the warm-up.
        assertThat(report.writes()).filteredOn(w -> w.lost())
                .allSatisfy(w -> assertThat(w.completedAt()).isBetween(Duration.ofMillis(-100), Duration.ofSeconds(6)));
    }

    /**
     * With {@code min-replicas-to-write 1} and {@code min-replicas-max-lag 1}, the partitioned master refuses writes
     * once no replica has acknowledged its stream for more than the lag. Redis counts the lag in whole seconds and
     * recounts good replicas once a second, so it refuses from at most 3 s into the partition: only writes sent before
     * that can be lost. Down-after is 3 s, so that the failover (about 5 s in) comes after that window and the refused
     * writes show; the partition lasts long enough for the failover to happen within it.
     */
    @Test
    void partitionMasterWithMinReplicasToWriteBoundsTheLossToTheMaxLag() {
        try (SentinelCluster guarded = SentinelCluster.start(spec().downAfter(Duration.ofSeconds(3))
                .redisConfig(List.of("min-replicas-to-write 1", "min-replicas-max-lag 1")).build())) {
            FailoverReport report = guarded.drill()
                    .load(WriteLoad.everyMillis(10))
                    .fault(Faults.partitionMaster(Duration.ofSeconds(7)))
                    .timeout(Duration.ofSeconds(20))
                    .run();

            DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(7));
            assertThat(report.failedWrites()).as("writes refused with NOREPLICAS").isPositive();
            assertThat(report.writes()).filteredOn(w -> w.lost())
                    .allSatisfy(w -> assertThat(w.sentAt()).isLessThan(Duration.ofMillis(3500)));
            DrillAssertions.assertThat(report).hasLostWritesAtMost(350);
        }
    }

    @Test
    void aDrillThatDoesNotRecoverInTimeStillReturnsItsReportMarkedSo() {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(50))
                .fault(Faults.freezeMaster(Duration.ofSeconds(20)))
                .timeout(Duration.ofMillis(1500))
                .run();

        assertThat(report.recovered()).isFalse();
        assertThat(report.summary()).contains("NOT recovered when the load stopped");
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).recoveredWithin(Duration.ofSeconds(10)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("it could not be measured: the client had not recovered when the load stopped");
        assertThat(cluster.master().name()).as("healed and reset after the drill: no failover happened")
                .isEqualTo(report.oldMaster());
        cluster.awaitHealthy(Duration.ofSeconds(1));
    }

    /**
     * Quorum lost, then the master killed: the writes fail until the drill gives up. Neither the outage nor the
     * recovery ever ended, so no bound on them passes, however loose.
     */
    @Test
    void aMasterLostWithoutAQuorumFailsEveryTimeBoundEvenTheLooseOnes() {
        try (InjectedFault sentinels = cluster.inject(Faults.killSentinels(2))) {
            FailoverReport report = cluster.drill()
                    .load(WriteLoad.everyMillis(50))
                    .fault(Faults.killMaster())
                    .timeout(Duration.ofSeconds(6))
                    .run();

            assertThat(report.recovered()).isFalse();
            assertThat(report.failedWrites() + report.indeterminateWrites()).isGreaterThan(100);
            assertThat(report.writeOutageAtLeast()).isGreaterThan(Duration.ofMillis(5500));
            assertThatThrownBy(() -> DrillAssertions.assertThat(report).hadWriteOutageAtMost(Duration.ofSeconds(1)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("could not be measured: the outage had not ended");
            assertThatThrownBy(() -> DrillAssertions.assertThat(report).hadWriteOutageAtMost(Duration.ofMinutes(5)))
                    .isInstanceOf(AssertionError.class);
            assertThatThrownBy(() -> DrillAssertions.assertThat(report).recoveredWithin(Duration.ofMinutes(5)))
                    .isInstanceOf(AssertionError.class);
            DrillAssertions.assertThat(report).didNotFailOver();
        }
    }

    /**
     * A team's own Lettuce client with its defaults queues its commands while it reconnects: it fails (almost)
     * nothing, but stops acknowledging. That stall is an interruption: the recovery time is its end.
     */
    @Test
    void aQueueingClientThatFailsNothingIsStillMeasuredAsInterruptedUntilItAcknowledgesAgain() {
        RedisClient client = RedisClient.create(cluster.clientResources(), cluster.sentinelUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            FailoverReport report = cluster.drill()
                    .load(WriteLoad.custom(sequence -> connection.sync().set("queued:" + sequence, "x"),
                            sequence -> connection.sync().exists("queued:" + sequence) == 1)
                            .every(Duration.ofMillis(10)))
                    .fault(Faults.killMaster())
                    .timeout(Duration.ofSeconds(20))
                    .run();

            assertThat(report.clientInterrupted()).isTrue();
            assertThat(report.clientRecoveryTime()).isGreaterThan(Duration.ofMillis(1000));
            assertThat(report.writeOutage()).isGreaterThan(Duration.ofMillis(1000));
            assertThatThrownBy(() -> DrillAssertions.assertThat(report).recoveredWithin(Duration.ofMillis(1)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected the client to recover within 1 ms, but it took");
        } finally {
            client.shutdown();
        }
    }

    /** What the team's own write throws that is no exception (its assertion) ends the drill and is thrown by it. */
    @Test
    void anAssertionErrorOfTheTeamsWriteIsThrownAfterTheTopologyIsHealedAndReset() {
        RedisNode master = cluster.master();
        long[] writes = {0};
        assertThatThrownBy(() -> cluster.drill()
                .load(WriteLoad.custom(sequence -> {
                    if (++writes[0] > 150) {
                        throw new AssertionError("the team's own check failed at write " + sequence);
                    }
                }, sequence -> true).every(Duration.ofMillis(10)))
                .fault(Faults.freezeMaster(Duration.ofSeconds(30)))
                .timeout(Duration.ofSeconds(20))
                .run())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the team's own check failed")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s.getMessage()).contains("The drill measured this before it failed",
                                "freezeMaster(30000 ms)")));
        assertThat(writes[0]).isEqualTo(151);
        cluster.awaitHealthy(Duration.ofSeconds(1));
        assertThat(Ping.answers(master.reachableAddress().host(), master.reachableAddress().port(),
                Duration.ofSeconds(1))).as("the frozen master, thawed by the drill's heal").isTrue();
    }

    /** A write that never comes back: the drill gives it up, counts it indeterminate, and the outage stays open. */
    @Test
    void aWriteThatNeverComesBackIsGivenUpAndLeavesTheOutageOpen() throws InterruptedException {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        long begin = System.nanoTime();
        FailoverReport report = cluster.drill()
                .load(WriteLoad.custom(sequence -> {
                    if (sequence == 120) {
                        never.await();
                    }
                }, sequence -> true).every(Duration.ofMillis(10)))
                .fault(Faults.killReplica(0))
                .timeout(Duration.ofSeconds(3))
                .run();

        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(15));
        assertThat(report.writes()).last().satisfies(w -> {
            assertThat(w.sequence()).isEqualTo(120);
            assertThat(w.outcome()).isEqualTo(WriteOutcome.INDETERMINATE);
            assertThat(w.completedAt()).isEqualTo(report.loadEndedAt());
        });
        assertThat(report.recovered()).isFalse();
        assertThat(report.writeOutageIfEnded()).isEmpty();
        never.countDown();
    }

    /** A verify that throws leaves the lost writes not measured: no bound on them passes, the rest is kept. */
    @Test
    void aVerifyThatThrowsLeavesTheLostWritesNotMeasuredAndKeepsTheRest() {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.custom(sequence -> { }, sequence -> {
                    throw new java.io.IOException("the team's store is unreachable");
                }).every(Duration.ofMillis(20)))
                .fault(Faults.killReplica(0))
                .timeout(Duration.ofSeconds(5))
                .run();

        assertThat(report.verified()).isFalse();
        assertThat(report.verificationFailure()).hasValueSatisfying(why -> assertThat(why)
                .contains("the team's store is unreachable"));
        assertThat(report.timeline()).isNotEmpty();
        assertThat(report.acknowledgedWrites()).isPositive();
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).hasNoLostWrites())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("they could not be measured: the writes could not be verified");
    }

    @Test
    void aDrillWithoutALoadOrAFaultIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> cluster.drill().fault(Faults.killMaster()).run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("A drill needs a load and a fault");
        assertThatThrownBy(() -> cluster.drill().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout = PT0S; allowed: more than 0");
        assertThatThrownBy(() -> WriteLoad.everyMillis(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("everyMillis: millis = 0; allowed: 1 to 60000");
    }

    private static List<Duration> firstOffsets(FailoverReport report, String... types) {
        return java.util.Arrays.stream(types)
                .map(type -> report.timeline().stream().filter(e -> e.type().equals(type)).findFirst()
                        .orElseThrow(() -> new AssertionError("no " + type + " in the timeline:\n"
                                + report.compactTimeline()))
                        .offset())
                .toList();
    }
}
