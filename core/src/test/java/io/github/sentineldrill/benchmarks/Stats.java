package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.drill.FailoverReport;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** p50 / p95 / max of some times in milliseconds (nearest-rank percentiles). */
record Stats(double p50, double p95, double max, int count) {

    static Stats of(List<Double> millis) {
        if (millis.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> sorted = millis.stream().sorted().toList();
        return new Stats(percentile(sorted, 50), percentile(sorted, 95), sorted.get(sorted.size() - 1),
                sorted.size());
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** A figure of each report, leaving out reports without it. */
    static Stats of(List<FailoverReport> reports, Function<FailoverReport, Optional<Duration>> figure) {
        return of(reports.stream().map(figure).flatMap(Optional::stream).map(d -> d.toNanos() / 1e6).toList());
    }

    @Override
    public String toString() {
        if (count == 0) {
            return "-";
        }
        String format = max < 100 ? "%.1f / %.1f / %.1f ms (%d)" : "%.0f / %.0f / %.0f ms (%d)";
        return String.format(Locale.ROOT, format, p50, p95, max, count);
    }
}
