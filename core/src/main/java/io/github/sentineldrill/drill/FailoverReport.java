package io.github.sentineldrill.drill;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.fault.Fault;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a drill measured. Every time is an offset from the fault's injection, on the monotonic clock.
 *
 * <ul>
 *   <li>detection time: the first {@code +odown} from any sentinel;</li>
 *   <li>failover time: the first {@code +switch-master} from any sentinel;</li>
 *   <li>client recovery time: when the first acknowledged write after the first failed one (failed or indeterminate,
 *       sent after the injection) completed;</li>
 *   <li>write outage: the longest gap between the completions of consecutive acknowledged writes;</li>
 *   <li>lost writes: acknowledged, but absent from the final master once the topology converged.</li>
 * </ul>
 *
 * <p>A time whose event did not happen is absent: the {@code ...IfAny} methods return it as an {@link Optional}, the
 * plain ones throw an {@link IllegalStateException} that says which event was not seen.
 */
public final class FailoverReport {

    /** The sentinel events a compact timeline keeps. */
    private static final List<String> KEY_EVENTS = List.of("+sdown", "+odown", "+try-failover", "+elected-leader",
            "+selected-slave", "+promoted-slave", "+switch-master", "+failover-end", "-odown", "-sdown");

    private final ClusterSpec spec;
    private final Fault fault;
    private final WriteLoad load;
    private final String oldMaster;
    private final String newMaster;
    private final boolean recovered;
    private final List<SentinelEvent> timeline;
    private final List<WriteRecord> writes;

    public FailoverReport(ClusterSpec spec, Fault fault, WriteLoad load, String oldMaster, String newMaster,
                          boolean recovered, List<SentinelEvent> timeline, List<WriteRecord> writes) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.fault = Objects.requireNonNull(fault, "fault");
        this.load = Objects.requireNonNull(load, "load");
        this.oldMaster = Objects.requireNonNull(oldMaster, "oldMaster");
        this.newMaster = Objects.requireNonNull(newMaster, "newMaster");
        this.recovered = recovered;
        this.timeline = timeline.stream().sorted(Comparator.comparing(SentinelEvent::offset)).toList();
        this.writes = writes.stream().sorted(Comparator.comparingLong(WriteRecord::sequence)).toList();
    }

    public ClusterSpec spec() {
        return spec;
    }

    public Fault fault() {
        return fault;
    }

    public WriteLoad load() {
        return load;
    }

    /** The master when the fault was injected, such as {@code redis-0}. */
    public String oldMaster() {
        return oldMaster;
    }

    /** The master once the topology converged after the drill; the old one if there was no failover. */
    public String newMaster() {
        return newMaster;
    }

    /** Whether the client recovered (see {@link #clientRecoveryTime()}), or never lost a write, within the timeout. */
    public boolean recovered() {
        return recovered;
    }

    /** Whether a sentinel announced {@code +switch-master} during the drill. */
    public boolean failedOver() {
        return firstEvent("+switch-master").isPresent();
    }

    public Optional<Duration> detectionTimeIfAny() {
        return firstEvent("+odown").map(SentinelEvent::offset);
    }

    public Duration detectionTime() {
        return detectionTimeIfAny().orElseThrow(() -> notSeen("detection time", "no sentinel announced +odown"));
    }

    public Optional<Duration> failoverTimeIfAny() {
        return firstEvent("+switch-master").map(SentinelEvent::offset);
    }

    public Duration failoverTime() {
        return failoverTimeIfAny().orElseThrow(() -> notSeen("failover time",
                "no sentinel announced +switch-master"));
    }

    public Optional<Duration> clientRecoveryTimeIfAny() {
        Optional<WriteRecord> firstFailed = writes.stream()
                .filter(w -> !w.sentAt().isNegative() && w.outcome() != WriteOutcome.ACKNOWLEDGED)
                .findFirst();
        return firstFailed.flatMap(failed -> writes.stream()
                .filter(w -> w.sequence() > failed.sequence() && w.outcome() == WriteOutcome.ACKNOWLEDGED)
                .findFirst()
                .map(WriteRecord::completedAt));
    }

    public Duration clientRecoveryTime() {
        return clientRecoveryTimeIfAny().orElseThrow(() -> notSeen("client recovery time",
                failedWrites() + indeterminateWrites() == 0
                        ? "no write failed, so there was nothing to recover from"
                        : "no write was acknowledged after the first failed one"));
    }

    /** The longest gap between the completions of consecutive acknowledged writes; zero with fewer than two. */
    public Duration writeOutage() {
        Duration longest = Duration.ZERO;
        Duration previous = null;
        for (WriteRecord write : writes) {
            if (write.outcome() != WriteOutcome.ACKNOWLEDGED) {
                continue;
            }
            if (previous != null && write.completedAt().minus(previous).compareTo(longest) > 0) {
                longest = write.completedAt().minus(previous);
            }
            previous = write.completedAt();
        }
        return longest;
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

    /** Acknowledged writes absent from the final master. */
    public long lostWrites() {
        return writes.stream().filter(WriteRecord::lost).count();
    }

    /** Indeterminate writes that turned out to be on the final master. */
    public long appliedButUnacknowledgedWrites() {
        return writes.stream().filter(WriteRecord::appliedButUnacknowledged).count();
    }

    /** Every sentinel event and client-side event, in order of offset. */
    public List<SentinelEvent> timeline() {
        return timeline;
    }

    /** Every write, in sequence order. */
    public List<WriteRecord> writes() {
        return writes;
    }

    /** The timeline without the events that repeat per replica or per sentinel, for messages. */
    public String compactTimeline() {
        return timeline.stream()
                .filter(e -> !e.fromSentinel() || KEY_EVENTS.contains(e.type()))
                .collect(Collectors.groupingBy(e -> e.type() + "@" + e.source(), LinkedHashMap::new,
                        Collectors.toList()))
                .values().stream()
                .map(events -> events.get(0))
                .sorted(Comparator.comparing(SentinelEvent::offset))
                .map(e -> "  " + e)
                .collect(Collectors.joining("\n"));
    }

    /** A few lines: the fault, the figures and whether it recovered. */
    public String summary() {
        return String.format(Locale.ROOT,
                "%s on '%s' under %s: %s; old master %s, new master %s%n"
                        + "  detection %s, failover %s, client recovery %s, write outage %d ms%n"
                        + "  writes: %d attempted, %d acknowledged, %d failed, %d indeterminate"
                        + " (%d of them applied), %d lost",
                fault, spec.masterName(), load, recovered ? "recovered" : "NOT recovered within the timeout",
                oldMaster, newMaster, millis(detectionTimeIfAny()), millis(failoverTimeIfAny()),
                millis(clientRecoveryTimeIfAny()), writeOutage().toMillis(), attemptedWrites(), acknowledgedWrites(),
                failedWrites(), indeterminateWrites(), appliedButUnacknowledgedWrites(), lostWrites());
    }

    @Override
    public String toString() {
        return summary();
    }

    private static String millis(Optional<Duration> time) {
        return time.map(d -> d.toMillis() + " ms").orElse("-");
    }

    private Optional<SentinelEvent> firstEvent(String type) {
        return timeline.stream().filter(e -> e.fromSentinel() && e.type().equals(type)).findFirst();
    }

    private long count(WriteOutcome outcome) {
        return writes.stream().filter(w -> w.outcome() == outcome).count();
    }

    private IllegalStateException notSeen(String what, String why) {
        return new IllegalStateException("The drill has no " + what + ": " + why + ". Timeline:\n" + compactTimeline());
    }
}
