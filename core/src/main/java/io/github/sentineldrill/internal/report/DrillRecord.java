package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.drill.AssertedBound;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.internal.drill.ClientTimeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One drill as its report files show it.
 *
 * @param testClass the test class that ran it, such as {@code com.acme.CheckoutFailoverTest}
 * @param testName  the test method; when one method runs several drills (or runs repeatedly), only their file names
 *                  tell them apart ({@code -2}, {@code -3}, ...)
 * @param report    what it measured, with the bounds asserted on it
 */
public record DrillRecord(String testClass, String testName, FailoverReport report) {

    public DrillRecord {
        Objects.requireNonNull(testClass, "testClass");
        Objects.requireNonNull(testName, "testName");
        Objects.requireNonNull(report, "report");
    }

    public Instant finishedAt() {
        return report.finishedAt();
    }

    public List<AssertedBound> bounds() {
        return report.assertedBounds();
    }

    /** The phases of its timeline, see {@link Phases}. */
    public List<Phase> phases() {
        return Phases.of(report);
    }

    /** The client's gaps between acknowledgements, and which were interruptions. */
    public ClientTimeline client() {
        return ClientTimeline.of(report.writes(), report.load().period(), report.loadEndedAt());
    }
}
