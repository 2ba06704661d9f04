package io.github.sentineldrill.junit;

import io.github.sentineldrill.RedisTopology;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.report.ReportFiles;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The JUnit report entries of topologies and drills: keys prefixed {@code sentinel-drill.}. */
final class ReportEntries {

    static final String NOT_MEASURED = "not measured";

    private ReportEntries() {
    }

    /** Where a topology runs and why: published when it starts. */
    static Map<String, String> of(String name, RedisTopology topology) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("sentinel-drill.topology", name);
        entry.put("sentinel-drill.backend", topology.backend().name());
        entry.put("sentinel-drill.backendChoice", topology.backendChoice());
        return entry;
    }

    /** A drill's figures and files. */
    static Map<String, String> of(FailoverReport report, ReportFiles files) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("sentinel-drill.report", files.htmlLink());
        entry.put("sentinel-drill.json", files.json().toUri().toString());
        entry.put("sentinel-drill.backend", report.backend().name());
        entry.put("sentinel-drill.backendChoice", report.topology().backendChoice());
        entry.put("sentinel-drill.fault", report.fault().toString());
        entry.put("sentinel-drill.recovered", String.valueOf(report.recovered()));
        entry.put("sentinel-drill.detectionMs", millis(report.detectionTimeIfAny()));
        entry.put("sentinel-drill.failoverMs", millis(report.failoverTimeIfAny()));
        entry.put("sentinel-drill.clientRecoveryMs", millis(report.clientRecoveryTimeIfAny()));
        entry.put("sentinel-drill.writeOutageMs", millis(report.writeOutageIfEnded()));
        OptionalLong lost = report.lostWritesIfVerified();
        entry.put("sentinel-drill.writes", String.format(Locale.ROOT,
                "%d attempted, %d acknowledged, %d failed, %d indeterminate, %s lost", report.attemptedWrites(),
                report.acknowledgedWrites(), report.failedWrites(), report.indeterminateWrites(),
                lost.isPresent() ? String.valueOf(lost.getAsLong()) : NOT_MEASURED));
        return entry;
    }

    private static String millis(Optional<Duration> time) {
        return time.map(d -> String.valueOf(d.toMillis())).orElse(NOT_MEASURED);
    }
}
