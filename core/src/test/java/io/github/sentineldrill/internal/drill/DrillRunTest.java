package io.github.sentineldrill.internal.drill;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.RedisNode;
import io.github.sentineldrill.drill.DrillListener;
import io.github.sentineldrill.drill.DrillTopology;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.SentinelEvent;
import io.github.sentineldrill.drill.TopologyKind;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.drill.WriteOutcome;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.fault.InjectedFault;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The drill's logic on a scripted runtime: no topology, only the port. What it decides about recovery, and that it
 * heals, resets and keeps what it measured whatever fails.
 */
class DrillRunTest {

    private final ScriptedRuntime runtime = new ScriptedRuntime();

    @Test
    void aClientThatFailsForAWhileRecoversWhenItsWritesAreAcknowledgedAgainAndTheDrillStopsSoonAfter() {
        long[] injectedAt = {0};
        runtime.onInject = fault -> injectedAt[0] = System.nanoTime();
        FailoverReport report = drill(sequence -> {
            if (injectedAt[0] != 0 && System.nanoTime() - injectedAt[0] < 300_000_000L) {
                throw new IOException("Connection refused");
            }
        }).timeout(Duration.ofSeconds(10)).run();

        assertThat(report.recovered()).isTrue();
        assertThat(report.clientRecoveryTime()).isBetween(Duration.ofMillis(290), Duration.ofMillis(500));
        assertThat(report.loadEndedAt()).as("the load stops once the client recovered")
                .isLessThan(Duration.ofMillis(1000));
        assertThat(report.timeline()).extracting(SentinelEvent::type).contains(SentinelEvent.FAULT_INJECTED,
                SentinelEvent.FIRST_FAILED_WRITE, SentinelEvent.CLIENT_RECOVERED, SentinelEvent.FAULT_HEALED,
                SentinelEvent.LOAD_STOPPED);
        assertThat(runtime.resets).hasValue(1);
        assertThat(runtime.reports).containsExactly(report);
    }

    /** Keys spread over shards: a third of the writes fail, the others succeed between them, until the shard is back. */
    @Test
    void aClientWhoseWritesToOneShardFailIsNotRecoveredByAWriteToAnotherShard() {
        long[] injectedAt = {0};
        runtime.onInject = fault -> injectedAt[0] = System.nanoTime();
        FailoverReport report = drill(sequence -> {
            if (injectedAt[0] != 0 && System.nanoTime() - injectedAt[0] < 1_000_000_000L && sequence % 3 == 0) {
                throw new IOException("Connection refused");
            }
        }).timeout(Duration.ofSeconds(10)).run();

        assertThat(report.recovered()).isTrue();
        assertThat(report.clientRecoveryTime()).as("the end of the last interruption, not the first acknowledgement")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(report.loadEndedAt()).as("the load ran on until the failures had stopped for a while")
                .isGreaterThanOrEqualTo(report.clientRecoveryTime().plus(DrillRun.STEADY_AT_LEAST));
    }

    @Test
    void aWriteThatStallsIsAnInterruptionAndTheDrillWaitsForItsEnd() {
        long[] injectedAt = {0};
        runtime.onInject = fault -> injectedAt[0] = System.nanoTime();
        boolean[] stalled = {false};
        FailoverReport report = drill(sequence -> {
            if (injectedAt[0] != 0 && !stalled[0]) {
                stalled[0] = true;
                java.util.concurrent.locks.LockSupport.parkNanos(600_000_000L);   // a client waiting on a reconnect
            }
        }).timeout(Duration.ofSeconds(10)).run();

        assertThat(report.failedWrites() + report.indeterminateWrites()).isZero();
        assertThat(report.clientInterrupted()).isTrue();
        assertThat(report.clientRecoveryTime()).isGreaterThanOrEqualTo(Duration.ofMillis(590));
        assertThat(report.timeline()).extracting(SentinelEvent::type).contains(SentinelEvent.CLIENT_STALLED);
    }

    @Test
    void aFaultThatCannotBeInjectedIsThrownAfterAResetAndLeavesNoReport() {
        runtime.onInject = fault -> {
            throw new IllegalStateException("Cannot inject killMaster(): redis-0 is down already");
        };

        assertThatThrownBy(() -> drill(sequence -> { }).run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redis-0 is down already");
        assertThat(runtime.resets).hasValue(1);
        assertThat(runtime.reports).isEmpty();
    }

    @Test
    void anUnexpectedExceptionAfterTheInjectionStillHealsResetsAndKeepsWhatWasMeasured() {
        runtime.eventsFailAfterInjection = true;

        assertThatThrownBy(() -> drill(sequence -> { }).run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the event source broke")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s.getMessage()).contains("The drill measured this before it"
                                + " failed; the topology was healed and reset")));
        assertThat(runtime.injected.healed).isTrue();
        assertThat(runtime.resets).hasValue(1);
        assertThat(runtime.reports).singleElement().satisfies(report ->
                assertThat(report.attemptedWrites()).isPositive());
    }

    @Test
    void anErrorOfTheTeamsWriteEndsTheDrillAndIsThrownWithTheReportKept() {
        AtomicInteger writes = new AtomicInteger(Integer.MIN_VALUE);
        runtime.onInject = fault -> writes.set(0);

        assertThatThrownBy(() -> drill(sequence -> {
            if (writes.incrementAndGet() > 5) {
                throw new AssertionError("the team's own check");
            }
        }).timeout(Duration.ofSeconds(10)).run())
                .isInstanceOf(AssertionError.class)
                .hasMessage("the team's own check");
        assertThat(runtime.injected.healed).isTrue();
        assertThat(runtime.resets).hasValue(1);
        assertThat(runtime.reports).singleElement().satisfies(report ->
                assertThat(report.writes()).last().extracting(w -> w.outcome()).isEqualTo(WriteOutcome.INDETERMINATE));
    }

    @Test
    void aResetThatFailsLeavesTheWritesUnverifiedAndTheReportReturned() {
        runtime.resetFailure = "sentinel-1 does not answer";

        FailoverReport report = drill(sequence -> { }).run();

        assertThat(report.verified()).isFalse();
        assertThat(report.whyNotVerified()).contains("the topology could not be reset after the drill:"
                + " sentinel-1 does not answer");
    }

    @Test
    void aListenerThatFailsDoesNotChangeTheDrillsResult() {
        runtime.listeners.add(report -> {
            throw new IllegalStateException("a report directory that cannot be written");
        });

        FailoverReport report = drill(sequence -> { }).run();

        assertThat(report.recovered()).isTrue();
        assertThat(runtime.reports).containsExactly(report);
    }

    /** A team's client that reconnects for a while after the reset: its verify throws, then answers. */
    @Test
    void aVerifyThatThrowsForAWhileIsCalledAgainAndTheWritesAreVerified() {
        long[] resetAt = {0};
        runtime.onReset = () -> resetAt[0] = System.nanoTime();
        AtomicInteger calls = new AtomicInteger();
        FailoverReport report = drill(sequence -> { }, sequence -> {
            calls.incrementAndGet();
            if (System.nanoTime() - resetAt[0] < 400_000_000L) {
                throw new IOException("Redis command timed out");
            }
            return sequence % 10 != 3;
        }).run();

        assertThat(report.verified()).as(report.whyNotVerified()).isTrue();
        assertThat((long) calls.get()).isGreaterThan(report.acknowledgedWrites());
        assertThat(report.lostWrites()).isEqualTo(report.writes().stream()
                .filter(w -> w.outcome() == WriteOutcome.ACKNOWLEDGED && w.sequence() % 10 == 3).count());
    }

    @Test
    void aVerifyThatKeepsThrowingLeavesTheWritesUnverifiedAfterTheDrillsTimeoutWithItsLastError() {
        long begin = System.nanoTime();
        FailoverReport report = drill(sequence -> { }, sequence -> {
            throw new IOException("the team's store is unreachable");
        }).timeout(Duration.ofSeconds(1)).run();

        assertThat(report.verified()).isFalse();
        assertThat(report.whyNotVerified()).startsWith("the writes could not be verified: verify(0) threw"
                        + " java.io.IOException: the team's store is unreachable (")
                .contains("attempts within the drill's timeout of 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    }

    /** The client that never comes back: the drill gives its lookup up and returns, rather than hang. */
    @Test
    void aVerifyThatNeverReturnsIsGivenUpAfterTheTimeoutAndTheGrace() {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        FailoverReport report = drill(sequence -> { }, sequence -> {
            never.await();
            return true;
        }).verifyGrace(Duration.ofMillis(500)).timeout(Duration.ofSeconds(1)).run();

        assertThat(report.verified()).isFalse();
        assertThat(report.whyNotVerified()).contains("the lookup of the writes did not return within 1.5 s");
        assertThat(report.lostWritesIfVerified()).isEmpty();
    }

    /** A Redis Cluster's reset gives the shard its first master back; the report names the one that took over. */
    @Test
    void theNewMasterIsTheOneWhenTheLoadStoppedNotTheOneTheResetGaveBack() {
        runtime.onInject = fault -> runtime.master = "redis-3";
        runtime.onReset = () -> runtime.master = "redis-0";

        FailoverReport report = drill(sequence -> { }).run();

        assertThat(report.oldMaster()).isEqualTo("redis-0");
        assertThat(report.newMaster()).isEqualTo("redis-3");
    }

    private DrillRun drill(WriteLoad.Write write) {
        return drill(write, sequence -> true);
    }

    private DrillRun drill(WriteLoad.Write write, WriteLoad.Verify verify) {
        return (DrillRun) new DrillRun(runtime)
                .load(WriteLoad.custom(write, verify).every(Duration.ofMillis(5)))
                .fault(Faults.killMaster())
                .warmUp(Duration.ofMillis(100))
                .timeout(Duration.ofSeconds(3));
    }

    /** A runtime whose topology is a script: faults and resets are recorded, events are what the test adds. */
    private static final class ScriptedRuntime implements DrillRuntime {
        final List<FailoverReport> reports = new CopyOnWriteArrayList<>();
        final List<DrillListener> listeners = new ArrayList<>(List.of(reports::add));
        final AtomicInteger resets = new AtomicInteger();
        Consumer<Fault> onInject = fault -> { };
        Runnable onReset = () -> { };
        volatile String master = "redis-0";
        ScriptedFault injected;
        String resetFailure;
        boolean eventsFailAfterInjection;

        @Override
        public DrillTopology describe() {
            return new DrillTopology(TopologyKind.SENTINEL, Backend.LOCAL, "scripted", "mymaster", "a script");
        }

        @Override
        public Duration failureDetection() {
            return Duration.ofMillis(100);
        }

        @Override
        public String failoverEvent() {
            return "+switch-master";
        }

        @Override
        public String masterFor(Fault fault) {
            return master;
        }

        @Override
        public TopologyEvents openEvents() {
            EventLog log = new EventLog();
            return new TopologyEvents() {
                @Override
                public List<Seen> seen() {
                    if (eventsFailAfterInjection && injected != null) {
                        throw new IllegalStateException("the event source broke");
                    }
                    return log.seen();
                }

                @Override
                public void onEvent(String type, Consumer<String> listener) {
                    log.onEvent(type, listener);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Writer builtInWriter(String runId, TopologyEvents events, Fault fault) {
            throw new UnsupportedOperationException("scripted drills use custom loads");
        }

        @Override
        public InjectedFault inject(Fault fault) {
            onInject.accept(fault);
            injected = new ScriptedFault(fault, System.nanoTime());
            return injected;
        }

        @Override
        public void reset() {
            resets.incrementAndGet();
            onReset.run();
            if (resetFailure != null) {
                throw new IllegalStateException(resetFailure);
            }
        }

        @Override
        public void awaitReplicated() {
        }

        @Override
        public List<DrillListener> listeners() {
            return listeners;
        }
    }

    private static final class ScriptedFault implements InjectedFault {
        private final Fault fault;
        private final long at;
        volatile boolean healed;

        ScriptedFault(Fault fault, long at) {
            this.fault = fault;
            this.at = at;
        }

        @Override
        public Fault fault() {
            return fault;
        }

        @Override
        public List<RedisNode> targets() {
            return List.of();
        }

        @Override
        public long injectedAtNanos() {
            return at;
        }

        @Override
        public boolean isHealed() {
            return healed;
        }

        @Override
        public void close() {
            healed = true;
        }
    }
}
