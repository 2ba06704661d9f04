package io.github.sentineldrill.junit;

import io.github.sentineldrill.drill.DrillListener;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.report.DrillReportWriter;
import io.github.sentineldrill.report.ReportFiles;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The drills of one test method: told of each as it finishes, it prints the drill's summary with where its page will
 * be; once the method has ended, it writes every drill's report files, with the bounds the method asserted.
 */
final class MethodDrills implements DrillListener {

    /** A drill and where its files go. */
    record Recorded(FailoverReport report, ReportFiles files) {
    }

    private final String testClass;
    private final String testName;
    private final DrillReportWriter writer;
    private final List<Recorded> drills = Collections.synchronizedList(new ArrayList<>());

    MethodDrills(String testClass, String testName, DrillReportWriter writer) {
        this.testClass = testClass;
        this.testName = testName;
        this.writer = writer;
    }

    @Override
    public void drillFinished(FailoverReport report) {
        ReportFiles files = writer.reserve(report, testClass, testName);
        drills.add(new Recorded(report, files));
        System.out.println(DrillReportWriter.summary(report, files));
    }

    /** The drills so far, in order. */
    List<Recorded> drills() {
        synchronized (drills) {
            return List.copyOf(drills);
        }
    }

    /** Writes every drill's files; a file that cannot be written is reported on standard error and skipped. */
    void writeFiles() {
        for (Recorded drill : drills()) {
            try {
                writer.write(drill.files(), drill.report());
            } catch (UncheckedIOException e) {
                System.err.println("[sentinel-drill] " + e.getMessage());
            }
        }
    }
}
