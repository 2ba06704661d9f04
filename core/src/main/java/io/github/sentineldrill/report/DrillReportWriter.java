package io.github.sentineldrill.report;

import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.internal.report.DrillRecord;
import io.github.sentineldrill.internal.report.ReportFiles.Paths;
import io.github.sentineldrill.internal.report.ReportSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes drills' report files into a directory: {@code <test class>/<test name>.<backend>.json}, {@code .html} and
 * {@code .txt} (the summary, with the bounds asserted), and the {@code index.html} of every drill there.
 *
 * <pre>{@code
 * DrillReportWriter reports = DrillReportWriter.into(DrillReportWriter.defaultDirectory());
 * FailoverReport report = cluster.drill().load(WriteLoad.everyMillis(10)).fault(Faults.killMaster()).run();
 * DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(5));
 * ReportFiles files = reports.write(report, "CheckoutFailover", "killMaster");   // with the bound asserted
 * }</pre>
 *
 * <p>The JUnit extension does this for every drill of a test method, after the method. Files are replaced atomically,
 * so readers never see half a file; test JVMs may write into one directory at once.
 */
public final class DrillReportWriter {

    /** System property (or JUnit configuration parameter): the directory report files go to. */
    public static final String DIRECTORY_PROPERTY = "sentinel-drill.reports.dir";

    private final Path directory;

    private DrillReportWriter(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** A writer into {@code directory}, created when the first file is written. */
    public static DrillReportWriter into(Path directory) {
        return new DrillReportWriter(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * {@code configured} if not blank, else the system property {@value #DIRECTORY_PROPERTY}, else
     * {@code target/sentinel-drill} under the working directory (Gradle users set the property to a directory under
     * {@code build/}).
     */
    public static Path directory(String configured) {
        String chosen = configured != null && !configured.isBlank() ? configured
                : System.getProperty(DIRECTORY_PROPERTY, "");
        return (chosen.isBlank() ? Path.of("target", "sentinel-drill") : Path.of(chosen.trim()))
                .toAbsolutePath().normalize();
    }

    /** {@link #directory(String)} with nothing configured. */
    public static Path defaultDirectory() {
        return directory(null);
    }

    public Path directory() {
        return directory;
    }

    /** Chooses the file names of {@code report}, unique in this JVM, without writing anything yet. */
    public ReportFiles reserve(FailoverReport report, String testClass, String testName) {
        Paths paths = io.github.sentineldrill.internal.report.ReportFiles.reserve(directory, testClass, testName,
                report.backend().name());
        return new ReportFiles(testClass, testName, paths.json(), paths.html());
    }

    /**
     * Writes {@code report}'s files where {@code files} says, with the bounds asserted on it so far, and rebuilds the
     * index.
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    public ReportFiles write(ReportFiles files, FailoverReport report) {
        try {
            io.github.sentineldrill.internal.report.ReportFiles.write(
                    new DrillRecord(files.testClass(), files.testName(), report), new Paths(files.json(), files.html()));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the report files " + files.json() + " and "
                    + files.html() + ": " + e.getMessage(), e);
        }
    }

    /** {@link #reserve} and {@link #write(ReportFiles, FailoverReport)} at once. */
    public ReportFiles write(FailoverReport report, String testClass, String testName) {
        return write(reserve(report, testClass, testName), report);
    }

    /** The index page of the directory. */
    public Path index() {
        return directory.resolve("index.html");
    }

    /**
     * A drill's summary as the extension prints it: every line prefixed {@code [sentinel-drill]}, then where its page
     * is. The {@code .txt} file beside the page has the same, with the bounds asserted on the drill.
     */
    public static String summary(FailoverReport report, ReportFiles files) {
        return ReportSummary.of(report, files.html());
    }

    /** A {@code file:///} link to {@code file}, which terminals make clickable (a plain URI has one slash). */
    static String link(Path file) {
        return ReportSummary.link(file);
    }
}
