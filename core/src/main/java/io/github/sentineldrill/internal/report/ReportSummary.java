package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.drill.AssertedBound;
import io.github.sentineldrill.drill.FailoverReport;

import java.nio.file.Path;
import java.util.List;

/**
 * A drill's summary as text for people: every line prefixed {@code [sentinel-drill]}, the report's summary, the bounds
 * asserted on it, and a {@code file:///} link to its page.
 */
public final class ReportSummary {

    static final String PREFIX = "[sentinel-drill] ";

    private ReportSummary() {
    }

    /** The summary printed when the drill finishes: no bound asserted yet. */
    public static String of(FailoverReport report, Path html) {
        return of(report, List.of(), html);
    }

    /** The summary with the bounds asserted on the drill. */
    public static String of(FailoverReport report, List<AssertedBound> bounds, Path html) {
        StringBuilder text = new StringBuilder(PREFIX).append(report.summary().replace("\n", "\n" + PREFIX));
        for (AssertedBound bound : bounds) {
            text.append('\n').append(PREFIX).append("  bound ").append(bound.assertion()).append(": ")
                    .append(!bound.measured() ? "NOT MEASURED (" + bound.why().replaceFirst("^not measured: ", "") + ")"
                            : bound.passed() ? "met" : "MISSED (" + bound.why() + ")");
        }
        return text.append('\n').append(PREFIX).append("  report: ").append(link(html)).toString();
    }

    /** A {@code file:///} link to {@code file}, which terminals make clickable (a plain URI has one slash). */
    public static String link(Path file) {
        String uri = file.toAbsolutePath().toUri().toString();
        return uri.startsWith("file:///") ? uri : uri.replaceFirst("^file:/+", "file:///");
    }
}
