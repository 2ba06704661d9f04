package io.github.sentineldrill.drill;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.internal.drill.ClientTimeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * What a drill measured: what the client lived through and what the topology did. Every time is an offset from the
 * fault's injection, on the monotonic clock.
 *
 * <ul>
 *   <li>detection time: the first {@code +odown} from any sentinel (Redis Cluster: the first node marking the shard's
 *       master {@code FAIL});</li>
 *   <li>failover time: the first {@code +switch-master} from any sentinel (Redis Cluster: the promoted replica serving
 *       the shard's slots);</li>
 *   <li>client recovery time: the end of the interruption the fault caused, whether writes failed, timed out or only
 *       stalled (a queueing client fails nothing but stops acknowledging): the completion of the acknowledgement that
 *       ended it; zero when the client was never interrupted (see {@link #clientInterrupted()});</li>
 *   <li>write outage: the longest interval inside the drill's window without an acknowledgement, including one still
 *       open when the drill ended. The window opens at the load's first acknowledgement and closes when the load
 *       stops;</li>
 *   <li>lost writes: acknowledged, but absent from the final master once the topology converged.</li>
 * </ul>
 * A client is interrupted when a write fails or is indeterminate, or when it goes longer than the load's period plus
 * 200 ms without an acknowledgement.
 *
 * <p>A figure that could not be measured is missing, never zero: the {@code ...IfAny} (or {@code ...IfVerified})
 * methods return it as an {@link Optional}, the plain ones throw an {@link IllegalStateException} that says why it is
 * missing, and no bound of {@link io.github.sentineldrill.assertj.DrillAssertions} passes on it.
 *
 * <p>Reports are made by drills; {@link #builder()} is for tests of code that reads them.
 */
public final class FailoverReport {

    /** The node events a compact timeline keeps. */
    private static final List<String> KEY_EVENTS = List.of("+sdown", "+odown", "+try-failover", "+elected-leader",
            "+selected-slave", "+promoted-slave", "+switch-master", "+failover-end", "-odown", "-sdown",
            "+pfail", "+fail", "+promoted", "+slots-moved", "-fail");

    private final DrillTopology topology;
    private final Fault fault;
    private final WriteLoad load;
    private final String oldMaster;
    private final String newMaster;
    private final List<SentinelEvent> timeline;
    private final List<WriteRecord> writes;
    private final Duration loadEndedAt;
    private final String verificationFailure;
    private final Instant finishedAt;
    private final ClientTimeline client;
    private final List<AssertedBound> assertedBounds = new CopyOnWriteArrayList<>();

    private FailoverReport(Builder builder) {
        this.topology = Objects.requireNonNull(builder.topology, "topology");
        this.fault = Objects.requireNonNull(builder.fault, "fault");
        this.load = Objects.requireNonNull(builder.load, "load");
        this.oldMaster = Objects.requireNonNull(builder.oldMaster, "oldMaster");
        this.newMaster = Objects.requireNonNull(builder.newMaster, "newMaster");
        this.finishedAt = Objects.requireNonNull(builder.finishedAt, "finishedAt");
        this.verificationFailure = builder.verificationFailure;
        this.timeline = builder.timeline.stream().sorted(Comparator.comparing(SentinelEvent::offset)).toList();
        this.writes = builder.writes.stream().sorted(Comparator.comparingLong(WriteRecord::sequence)).toList();
        Duration lastCompletion = writes.stream().map(WriteRecord::completedAt).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
        this.loadEndedAt = builder.loadEndedAt != null ? builder.loadEndedAt : lastCompletion;
        if (loadEndedAt.compareTo(lastCompletion) < 0) {
            throw new IllegalArgumentException("the load ended at " + loadEndedAt + ", before its last write completed"
                    + " at " + lastCompletion);
        }
        this.client = ClientTimeline.of(writes, load.period(), loadEndedAt);
    }

    /** A builder for a report made by hand. */
    public static Builder builder() {
        return new Builder();
    }

    /** The topology the drill ran on: its kind, its backend and why, its shape. */
    public DrillTopology topology() {
        return topology;
    }

    /** Where the nodes ran: {@link Backend#LOCAL} or {@link Backend#DOCKER}. */
    public Backend backend() {
        return topology.backend();
    }

    public Fault fault() {
        return fault;
    }

    public WriteLoad load() {
        return load;
    }

    /** The master the fault aimed at when it was injected, such as {@code redis-0}. */
    public String oldMaster() {
        return oldMaster;
    }

    /**
     * The master when the load stopped (of the same shard on a Redis Cluster), before the drill healed and reset the
     * topology: the one that took over, or {@link #oldMaster()} when none did.
     */
    public String newMaster() {
        return newMaster;
    }

    /** Wall-clock time the drill finished. */
    public Instant finishedAt() {
        return finishedAt;
    }

    /** When the load stopped: the end of the drill's window. */
    public Duration loadEndedAt() {
        return loadEndedAt;
    }

    /**
     * Whether the client recovered before the load stopped: it was never interrupted, or the last interruption the
     * fault caused had ended.
     */
    public boolean recovered() {
        return client.recovery().isPresent();
    }

    /** Whether the fault interrupted the client at all (a failed or indeterminate write, or a stall). */
    public boolean clientInterrupted() {
        return client.interrupted();
    }

    /** Whether the topology failed over during the drill (see {@link #failoverTimeIfAny()}). */
    public boolean failedOver() {
        return failoverTimeIfAny().isPresent();
    }

    public Optional<Duration> detectionTimeIfAny() {
        return firstNodeEvent(topology.kind().detectionEvent()).map(SentinelEvent::offset);
    }

    /** @throws IllegalStateException when the topology never detected the failure */
    public Duration detectionTime() {
        return detectionTimeIfAny().orElseThrow(() -> notMeasured("detection time", whyNoDetection()));
    }

    public Optional<Duration> failoverTimeIfAny() {
        return firstNodeEvent(topology.kind().failoverEvent()).map(SentinelEvent::offset);
    }

    /** @throws IllegalStateException when the topology did not fail over */
    public Duration failoverTime() {
        return failoverTimeIfAny().orElseThrow(() -> notMeasured("failover time", whyNoFailover()));
    }

    /** The client recovery time; zero when the client was never interrupted; empty when it had not recovered. */
    public Optional<Duration> clientRecoveryTimeIfAny() {
        return client.recovery();
    }

    /** @throws IllegalStateException when the client had not recovered when the load stopped */
    public Duration clientRecoveryTime() {
        return clientRecoveryTimeIfAny().orElseThrow(() -> notMeasured("client recovery time", whyNotRecovered()));
    }

    /** The write outage; empty when the outage had not ended when the load stopped. */
    public Optional<Duration> writeOutageIfEnded() {
        return client.outageOpen() ? Optional.empty() : Optional.of(client.longestGap().length());
    }

    /** @throws IllegalStateException when the outage had not ended when the load stopped */
    public Duration writeOutage() {
        return writeOutageIfEnded().orElseThrow(() -> notMeasured("write outage", whyOutageOpen()));
    }

    /** The longest interval without an acknowledgement so far: the write outage, or a lower bound of it if open. */
    public Duration writeOutageAtLeast() {
        return client.longestGap().length();
    }

    public long attemptedWrites() {
        return writes.size();
    }

    public long acknowledgedWrites() {
        return count(WriteOutcome.ACKNOWLEDGED);
    }

    public long failedWrites() {
        return count(WriteOutcome.FAILED);
    }

    public long indeterminateWrites() {
        return count(WriteOutcome.INDETERMINATE);
    }

    /** Whether every write that may have been applied was looked up on the final master. */
    public boolean verified() {
        return verificationFailure == null;
    }

    /** Why the writes could not be looked up on the final master; empty when they were. */
    public Optional<String> verificationFailure() {
        return Optional.ofNullable(verificationFailure);
    }

    /** Acknowledged writes absent from the final master; empty when the writes could not be verified. */
    public OptionalLong lostWritesIfVerified() {
        return verified() ? OptionalLong.of(writes.stream().filter(WriteRecord::lost).count()) : OptionalLong.empty();
    }

    /** @throws IllegalStateException when the writes could not be verified */
    public long lostWrites() {
        return lostWritesIfVerified().orElseThrow(() -> notMeasured("lost writes", whyNotVerified()));
    }

    /** Indeterminate writes found on the final master; empty when the writes could not be verified. */
    public OptionalLong appliedButUnacknowledgedWritesIfVerified() {
        return verified() ? OptionalLong.of(writes.stream().filter(WriteRecord::appliedButUnacknowledged).count())
                : OptionalLong.empty();
    }

    /** @throws IllegalStateException when the writes could not be verified */
    public long appliedButUnacknowledgedWrites() {
        return appliedButUnacknowledgedWritesIfVerified().orElseThrow(() -> notMeasured(
                "applied but unacknowledged writes", whyNotVerified()));
    }

    /** Every node, client and drill event, in order of offset. */
    public List<SentinelEvent> timeline() {
        return timeline;
    }

    /** Every write, in sequence order. */
    public List<WriteRecord> writes() {
        return writes;
    }

    /** The bounds asserted on this report so far, in the order asserted. */
    public List<AssertedBound> assertedBounds() {
        return List.copyOf(assertedBounds);
    }

    /** Keeps a bound a test asserted, so that the report's files show it; {@code FailoverReportAssert} calls it. */
    public void recordAssertion(AssertedBound bound) {
        assertedBounds.add(Objects.requireNonNull(bound, "bound"));
    }

    /** Why the detection time is missing, in words. */
    public String whyNoDetection() {
        return topology.kind() == TopologyKind.SENTINEL ? "no sentinel announced +odown"
                : "no node marked the master FAIL";
    }

    /** Why the failover time is missing, in words. */
    public String whyNoFailover() {
        return topology.kind() == TopologyKind.SENTINEL ? "no sentinel announced +switch-master"
                : "no replica took over the master's slots";
    }

    /** Why the client recovery time is missing, in words; empty when it is not. */
    public String whyNotRecovered() {
        if (recovered()) {
            return "";
        }
        ClientTimeline.Gap open = client.gaps().get(client.gaps().size() - 1);
        return String.format(Locale.ROOT, "the client had not recovered when the load stopped at %s: no"
                        + " acknowledgement from %s on", ms(loadEndedAt), ms(open.start()));
    }

    /** Why the write outage is missing, in words; empty when it is not. */
    public String whyOutageOpen() {
        if (!client.outageOpen()) {
            return "";
        }
        ClientTimeline.Gap open = client.gaps().get(client.gaps().size() - 1);
        return String.format(Locale.ROOT, "the outage had not ended when the load stopped at %s: at least %s"
                        + " without an acknowledgement, from %s on", ms(loadEndedAt),
                ms(writeOutageAtLeast()), ms(open.start()));
    }

    /** Why the lost writes are missing, in words; empty when they are not. */
    public String whyNotVerified() {
        return verified() ? "" : "the writes could not be verified: " + verificationFailure;
    }

    /** The timeline without the events that repeat per replica or per node, for messages. */
    public String compactTimeline() {
        return timeline.stream()
                .filter(e -> !e.fromNode() || KEY_EVENTS.contains(e.type()))
                .collect(Collectors.groupingBy(e -> e.type() + "@" + e.source(), LinkedHashMap::new,
                        Collectors.toList()))
                .values().stream()
                .map(events -> events.get(0))
                .sorted(Comparator.comparing(SentinelEvent::offset))
                .map(e -> "  " + e)
                .collect(Collectors.joining("\n"));
    }

    /** A few lines: the fault, the backend, the figures and whether the client recovered. */
    public String summary() {
        String writesLine = String.format(Locale.ROOT, "  writes: %d attempted, %d acknowledged, %d failed, %d"
                        + " indeterminate", attemptedWrites(), acknowledgedWrites(), failedWrites(),
                indeterminateWrites())
                + (verified() ? String.format(Locale.ROOT, " (%d of them applied), %d lost",
                appliedButUnacknowledgedWrites(), lostWrites()) : ", lost not measured (" + whyNotVerified() + ")");
        return String.format(Locale.ROOT,
                "%s on '%s' (%s) under %s: %s; old master %s, new master %s%n"
                        + "  detection %s, failover %s, client recovery %s, write outage %s%n%s%n  backend %s: %s",
                fault, topology.name(), topology.backend(), load,
                recovered() ? "recovered" : "NOT recovered when the load stopped", oldMaster, newMaster,
                time(detectionTimeIfAny(), "not seen"), time(failoverTimeIfAny(), "not seen"),
                !recovered() ? "not measured (still interrupted)"
                        : clientInterrupted() ? ms(clientRecoveryTime()) : "0 ms (never interrupted)",
                writeOutageIfEnded().map(FailoverReport::ms)
                        .orElse("at least " + ms(writeOutageAtLeast()) + " (still open)"),
                writesLine, topology.backend(), topology.backendChoice());
    }

    @Override
    public String toString() {
        return summary();
    }

    private static String time(Optional<Duration> time, String absent) {
        return time.map(FailoverReport::ms).orElse(absent);
    }

    private static String ms(Duration duration) {
        return duration.toMillis() + " ms";
    }

    /** The first event of {@code type} from a node, at or after the injection, about the master the fault aimed at. */
    private Optional<SentinelEvent> firstNodeEvent(String type) {
        return timeline.stream()
                .filter(e -> e.fromNode() && e.type().equals(type) && !e.offset().isNegative() && aboutOldMaster(e))
                .findFirst();
    }

    /**
     * A sentinel's {@code +odown} and {@code +switch-master} are about the one master it monitors. A Redis Cluster
     * node's {@code +fail} names the node it marks, and {@code +promoted} the master it took over from: of another
     * shard, or about a replica, they are not this drill's detection or failover.
     */
    private boolean aboutOldMaster(SentinelEvent event) {
        return switch (topology.kind()) {
            case SENTINEL -> true;
            case REDIS_CLUSTER -> event.details().equals(oldMaster)
                    || event.details().contains(" took over from " + oldMaster + ":");
        };
    }

    private long count(WriteOutcome outcome) {
        return writes.stream().filter(w -> w.outcome() == outcome).count();
    }

    private IllegalStateException notMeasured(String what, String why) {
        return new IllegalStateException("The drill has no " + what + ": " + why + ". Timeline:\n"
                + compactTimeline());
    }

    /** Builds a {@link FailoverReport}; every setter returns the builder. */
    public static final class Builder {
        private DrillTopology topology;
        private Fault fault;
        private WriteLoad load;
        private String oldMaster;
        private String newMaster;
        private final List<SentinelEvent> timeline = new ArrayList<>();
        private final List<WriteRecord> writes = new ArrayList<>();
        private Duration loadEndedAt;
        private String verificationFailure;
        private Instant finishedAt = Instant.now();

        private Builder() {
        }

        public Builder topology(DrillTopology topology) {
            this.topology = topology;
            return this;
        }

        public Builder fault(Fault fault) {
            this.fault = fault;
            return this;
        }

        public Builder load(WriteLoad load) {
            this.load = load;
            return this;
        }

        public Builder masters(String oldMaster, String newMaster) {
            this.oldMaster = oldMaster;
            this.newMaster = newMaster;
            return this;
        }

        public Builder timeline(List<SentinelEvent> events) {
            timeline.addAll(events);
            return this;
        }

        public Builder event(SentinelEvent event) {
            timeline.add(event);
            return this;
        }

        public Builder writes(List<WriteRecord> records) {
            writes.addAll(records);
            return this;
        }

        public Builder write(WriteRecord record) {
            writes.add(record);
            return this;
        }

        /** When the load stopped; by default when its last write completed. */
        public Builder loadEndedAt(Duration loadEndedAt) {
            this.loadEndedAt = loadEndedAt;
            return this;
        }

        /** Marks the writes as not verified, for this reason. */
        public Builder verificationFailed(String why) {
            this.verificationFailure = Objects.requireNonNull(why, "why");
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        /** @throws NullPointerException naming the first missing part */
        public FailoverReport build() {
            return new FailoverReport(this);
        }
    }
}
