package io.github.sentineldrill.junit;

import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.internal.report.DrillReports;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The JUnit report entry of one drill: where its files are and its figures, keys prefixed {@code sentinel-drill.}. */
final class ReportEntries {

    private ReportEntries() {
    }

    static Map<String, String> of(DrillReports.RecordedDrill drill) {
        FailoverReport report = drill.report();
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("sentinel-drill.report", drill.html().toUri().toString());
        entry.put("sentinel-drill.json", drill.json().toUri().toString());
        entry.put("sentinel-drill.fault", report.fault().toString());
        entry.put("sentinel-drill.recovered", String.valueOf(report.recovered()));
        entry.put("sentinel-drill.detectionMs", millis(report.detectionTimeIfAny()));
        entry.put("sentinel-drill.failoverMs", millis(report.failoverTimeIfAny()));
        entry.put("sentinel-drill.clientRecoveryMs", millis(report.clientRecoveryTimeIfAny()));
        entry.put("sentinel-drill.writeOutageMs", String.valueOf(report.writeOutage().toMillis()));
        entry.put("sentinel-drill.writes", String.format(Locale.ROOT,
                "%d attempted, %d acknowledged, %d failed, %d indeterminate, %d lost", report.attemptedWrites(),
                report.acknowledgedWrites(), report.failedWrites(), report.indeterminateWrites(),
                report.lostWrites()));
        return entry;
    }

    private static String millis(Optional<Duration> time) {
        return time.map(d -> String.valueOf(d.toMillis())).orElse("-");
    }
}
