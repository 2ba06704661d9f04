package io.github.sentineldrill.internal.report;

import java.util.Objects;

/**
 * A bound a test asserted on a drill's report, kept so that the report can show it beside the figure.
 *
 * @param assertion what was asserted, as the test wrote it, such as {@code failedOverWithin(5000 ms)}
 * @param figure    the figure it bounds: {@code failoverTime}, {@code detectionTime}, {@code clientRecoveryTime},
 *                  {@code writeOutage} (each in ms), {@code lostWrites}, {@code failedWrites} (counts), or
 *                  {@code failedOver} (no limit: the bound is that there was no failover)
 * @param limit     the bound, in ms for times and in writes for counts; null for {@code failedOver}
 * @param actual    the figure the drill measured, in the same unit; null when its event was not seen
 * @param passed    whether the drill met the bound
 */
public record AssertedBound(String assertion, String figure, Long limit, Long actual, boolean passed) {

    public AssertedBound {
        Objects.requireNonNull(assertion, "assertion");
        Objects.requireNonNull(figure, "figure");
    }

    /** Whether {@link #figure()} is a time in ms, which a timeline can draw as a vertical line. */
    public boolean isTime() {
        return figure.endsWith("Time") || figure.equals("writeOutage");
    }
}
