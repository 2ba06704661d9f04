package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.SentinelEvent;
import io.github.sentineldrill.drill.TopologyKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a drill's timeline into phases, each from the first event of its kind from any node:
 * <ul>
 *   <li>detection: from the injection to the detection ({@code +odown}; Redis Cluster: {@code +fail});</li>
 *   <li>election: Sentinel only, from {@code +odown} to {@code +elected-leader} (or {@code +selected-slave} when no
 *       leader announcement was seen);</li>
 *   <li>promotion: from the end of the election (Sentinel; or {@code +odown} when neither was seen, or
 *       {@code +try-failover} for a manual failover, which has no {@code +odown}), or from {@code +fail} (Redis
 *       Cluster), to the failover ({@code +switch-master}, {@code +promoted});</li>
 *   <li>client recovery: from the failover (or the first failed write, without a failover) to the client's
 *       recovery, when the client was interrupted.</li>
 * </ul>
 * A phase whose events were not seen is left out.
 */
public final class Phases {

    public static final List<String> NAMES = List.of("detection", "election", "promotion", "client recovery");

    private Phases() {
    }

    public static List<Phase> of(FailoverReport report) {
        TopologyKind kind = report.topology().kind();
        List<Phase> phases = new ArrayList<>();
        Optional<Duration> detected = first(report, kind.detectionEvent());
        Optional<Duration> failedOver = first(report, kind.failoverEvent());
        detected.ifPresent(end -> add(phases, "detection", Duration.ZERO, end));
        Optional<Duration> promotionStart;
        if (kind == TopologyKind.SENTINEL) {
            Optional<Duration> elected = first(report, "+elected-leader").or(() -> first(report, "+selected-slave"));
            if (detected.isPresent() && elected.isPresent()) {
                add(phases, "election", detected.get(), elected.get());
            }
            promotionStart = detected.isPresent() ? elected.or(() -> detected)
                    : first(report, "+try-failover").or(() -> elected);
        } else {
            promotionStart = detected;
        }
        if (promotionStart.isPresent() && failedOver.isPresent()) {
            add(phases, "promotion", promotionStart.get(), failedOver.get());
        }
        Optional<Duration> recovered = report.clientInterrupted() ? report.clientRecoveryTimeIfAny() : Optional.empty();
        Optional<Duration> recoveryStart = failedOver.isPresent() ? failedOver
                : report.timeline().stream().filter(e -> e.type().equals(SentinelEvent.FIRST_FAILED_WRITE)
                        || e.type().equals(SentinelEvent.CLIENT_STALLED))
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
                .filter(e -> e.fromNode() && e.type().equals(type))
                .map(SentinelEvent::offset)
                .findFirst();
    }
}
