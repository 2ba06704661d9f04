package io.github.sentineldrill.report;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a drill's report files are, or will be once written.
 *
 * @param testClass the test class they are named after
 * @param testName  the test (method) they are named after
 * @param json      the JSON document
 * @param html      the HTML page (and the summary, {@link #summary()}, beside it)
 */
public record ReportFiles(String testClass, String testName, Path json, Path html) {

    public ReportFiles {
        Objects.requireNonNull(testClass, "testClass");
        Objects.requireNonNull(testName, "testName");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(html, "html");
    }

    /** The summary beside them, the lines the extension prints with the bounds asserted: {@code .txt}. */
    public Path summary() {
        return io.github.sentineldrill.internal.report.ReportFiles.summaryBeside(json);
    }

    /** The HTML page as a {@code file:///} link, which terminals make clickable. */
    public String htmlLink() {
        return DrillReportWriter.link(html);
    }
}
