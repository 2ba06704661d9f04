package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.drill.FailoverReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * What every drill leaves: its summary on standard output and its files (see {@link ReportFiles}), named after the
 * test that ran it. The JUnit extension opens a {@link Scope} around each test method, which names the files and
 * collects the drills for the test's report entries; without one (a drill run on another thread, or without the
 * extension) the files are named after the first caller outside this library. Bounds asserted on a report later
 * are added to its files.
 *
 * <p>Files go to {@code target/sentinel-drill} under the working directory, or where the system property (or JUnit
 * configuration parameter, through the extension) {@value #DIRECTORY_PROPERTY} says.
 */
public final class DrillReports {

    /** System property: the directory report files go to; {@code target/sentinel-drill} by default. */
    public static final String DIRECTORY_PROPERTY = "sentinel-drill.reports.dir";

    private static final Logger LOG = LoggerFactory.getLogger(DrillReports.class);
    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();
    /**
     * Where this JVM wrote each report, by the report's identity and weakly: a report nobody holds any more takes no
     * further bounds. The values hold no reference to their report, or the map would keep every report alive.
     */
    private static final Map<FailoverReport, Written> WRITTEN = Collections.synchronizedMap(new WeakHashMap<>());
    private static final ReportFiles FILES = new ReportFiles();

    private DrillReports() {
    }

    /** The directory report files go to: {@code configured} if not blank, else {@code target/sentinel-drill}. */
    public static Path directory(String configured) {
        return (configured == null || configured.isBlank() ? Paths.get("target", "sentinel-drill")
                : Paths.get(configured.trim())).toAbsolutePath().normalize();
    }

    /**
     * Opens the scope of one test on this thread; closing it ends the scope.
     *
     * @param directory where the test's report files go, see {@link #directory(String)}
     */
    public static Scope open(String testClass, String testName, Path directory) {
        Scope scope = new Scope(testClass, testName, directory);
        SCOPE.set(scope);
        return scope;
    }

    /**
     * Records a finished drill: prints its summary and writes its files. A file that cannot be written is logged as a
     * warning with the reason; the drill's result does not depend on its files.
     */
    public static RecordedDrill record(FailoverReport report) {
        Scope scope = SCOPE.get();
        String[] test = scope != null ? new String[]{scope.testClass, scope.testName} : caller();
        Path directory = scope != null ? scope.directory : directory(System.getProperty(DIRECTORY_PROPERTY));
        Written written = new Written(test[0], test[1], Instant.now(), FILES.paths(directory, test[0], test[1]));
        write(report, written);
        WRITTEN.put(report, written);
        RecordedDrill drill = new RecordedDrill(report, written.paths.json(), written.paths.html());
        if (scope != null) {
            scope.drills.add(drill);
        }
        System.out.println("[sentinel-drill] " + report.summary().replace("\n", "\n[sentinel-drill] ")
                + "\n[sentinel-drill]   report: " + drill.html().toUri());
        return drill;
    }

    /** Adds a bound asserted on {@code report} to its files; a report this JVM did not write is left alone. */
    public static void boundAsserted(FailoverReport report, AssertedBound bound) {
        Written written = WRITTEN.get(report);
        if (written != null) {
            written.add(bound);
            write(report, written);
        }
    }

    private static void write(FailoverReport report, Written written) {
        try {
            synchronized (written) {
                FILES.write(written.record(report), written.paths.json(), written.paths.html());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not write the report files {} and {} of a drill: {}", written.paths.json(),
                    written.paths.html(), e.toString());
        }
    }

    /** The class and method of the first frame outside this library. */
    private static String[] caller() {
        CodeSource library = DrillReports.class.getProtectionDomain().getCodeSource();
        Optional<StackWalker.StackFrame> frame = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames
                        .filter(f -> !f.getDeclaringClass().getName().startsWith("java.")
                                && !f.getDeclaringClass().getName().startsWith("jdk."))
                        .filter(f -> !Objects.equals(f.getDeclaringClass().getProtectionDomain().getCodeSource(),
                                library))
                        .findFirst());
        return frame.map(f -> new String[]{f.getClassName(), f.getMethodName()})
                .orElse(new String[]{"unknown", "drill"});
    }

    /** The drills of one test method; closing it ends the scope on the thread that opened it. */
    public static final class Scope implements AutoCloseable {
        private final String testClass;
        private final String testName;
        private final Path directory;
        private final List<RecordedDrill> drills = Collections.synchronizedList(new ArrayList<>());

        private Scope(String testClass, String testName, Path directory) {
            this.testClass = testClass;
            this.testName = testName;
            this.directory = directory;
        }

        /** The drills recorded in this scope so far, in order. */
        public List<RecordedDrill> drills() {
            synchronized (drills) {
                return List.copyOf(drills);
            }
        }

        @Override
        public void close() {
            if (SCOPE.get() == this) {
                SCOPE.remove();
            }
        }
    }

    /**
     * A drill of a test and where its files are.
     *
     * @param report what it measured
     * @param json   its JSON file
     * @param html   its HTML page
     */
    public record RecordedDrill(FailoverReport report, Path json, Path html) {
    }

    /** What the files of a report say besides the report itself; no reference to the report (see WRITTEN). */
    private static final class Written {
        private final String testClass;
        private final String testName;
        private final Instant finishedAt;
        private final ReportFiles.Paths paths;
        private final List<AssertedBound> bounds = new ArrayList<>();

        Written(String testClass, String testName, Instant finishedAt, ReportFiles.Paths paths) {
            this.testClass = testClass;
            this.testName = testName;
            this.finishedAt = finishedAt;
            this.paths = paths;
        }

        synchronized void add(AssertedBound bound) {
            bounds.add(bound);
        }

        synchronized DrillRecord record(FailoverReport report) {
            return new DrillRecord(testClass, testName, finishedAt, report, bounds);
        }
    }
}
