package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.SentinelEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a drill's timeline into phases, each from the first event of its kind from any sentinel:
 * <ul>
 *   <li>detection: from the injection to {@code +odown};</li>
 *   <li>election: from {@code +odown} to {@code +elected-leader} (or {@code +selected-slave} when no leader
 *       announcement was seen);</li>
 *   <li>promotion: from the end of the election (or {@code +odown} when neither was seen, or
 *       {@code +try-failover} for a manual failover, which has no {@code +odown}) to {@code +switch-master};</li>
 *   <li>client recovery: from {@code +switch-master} (or the first failed write, without a failover) to the
 *       client's recovery.</li>
 * </ul>
 * A phase whose events were not seen is left out.
 */
public final class Phases {

    public static final List<String> NAMES = List.of("detection", "election", "promotion", "client recovery");

    private Phases() {
    }

    public static List<Phase> of(FailoverReport report) {
        List<Phase> phases = new ArrayList<>();
        Optional<Duration> odown = first(report, "+odown");
        Optional<Duration> elected = first(report, "+elected-leader").or(() -> first(report, "+selected-slave"));
        Optional<Duration> switched = first(report, "+switch-master");
        odown.ifPresent(end -> add(phases, "detection", Duration.ZERO, end));
        if (odown.isPresent() && elected.isPresent()) {
            add(phases, "election", odown.get(), elected.get());
        }
        Optional<Duration> promotionStart = odown.isPresent() ? elected.or(() -> odown)
                : first(report, "+try-failover").or(() -> elected);
        if (promotionStart.isPresent() && switched.isPresent()) {
            add(phases, "promotion", promotionStart.get(), switched.get());
        }
        Optional<Duration> recovered = report.clientRecoveryTimeIfAny();
        Optional<Duration> recoveryStart = switched.isPresent() ? switched
                : report.timeline().stream().filter(e -> e.type().equals(SentinelEvent.FIRST_FAILED_WRITE))
                .map(SentinelEvent::offset).findFirst();
        if (recovered.isPresent() && recoveryStart.isPresent()) {
            add(phases, "client recovery", recoveryStart.get(), recovered.get());
        }
        return phases;
    }

    private static void add(List<Phase> phases, String name, Duration start, Duration end) {
        if (end.compareTo(start) >= 0) {
            phases.add(new Phase(name, start, end));
        }
    }

    private static Optional<Duration> first(FailoverReport report, String type) {
        return report.timeline().stream()
                .filter(e -> e.fromSentinel() && e.type().equals(type))
                .map(SentinelEvent::offset)
                .findFirst();
    }
}
