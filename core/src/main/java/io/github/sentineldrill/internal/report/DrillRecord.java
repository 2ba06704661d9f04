package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.drill.FailoverReport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One drill as its report files show it.
 *
 * @param testClass  the test class that ran it, such as {@code com.acme.CheckoutFailoverTest}
 * @param testName   the test method; when one method runs several drills (or runs repeatedly), only their file names
 *                   tell them apart ({@code -2}, {@code -3}, ...)
 * @param finishedAt wall-clock time the drill finished
 * @param report     what it measured
 * @param bounds     the bounds the test asserted on it so far, in the order asserted
 */
public record DrillRecord(String testClass, String testName, Instant finishedAt, FailoverReport report,
                          List<AssertedBound> bounds) {

    public DrillRecord {
        Objects.requireNonNull(testClass, "testClass");
        Objects.requireNonNull(testName, "testName");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(report, "report");
        bounds = List.copyOf(bounds);
    }

    /** The phases of its timeline, see {@link Phases}. */
    public List<Phase> phases() {
        return Phases.of(report);
    }
}
