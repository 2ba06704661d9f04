package io.github.sentineldrill.drill;

import java.util.Objects;

/**
 * A bound a test asserted on a drill's report, kept on the report so that its files show it beside the figure.
 *
 * @param assertion what the test called, such as {@code failedOverWithin(5000 ms)} or {@code hasNoLostWrites()}
 * @param figure    the figure it bounds: {@code failoverTime}, {@code detectionTime}, {@code clientRecoveryTime},
 *                  {@code writeOutage} (each in ms), {@code lostWrites}, {@code failedWrites} (counts), or
 *                  {@code failedOver} (no limit: the bound is that there was no failover)
 * @param limit     the bound, in ms for times and in writes for counts; null for {@code failedOver}
 * @param actual    the figure the drill measured, in the same unit; null when it could not be measured
 * @param passed    whether the drill met the bound; never true when the figure could not be measured
 * @param why       why the figure could not be measured, or why the bound was missed; empty when met
 */
public record AssertedBound(String assertion, String figure, Long limit, Long actual, boolean passed, String why) {

    public AssertedBound {
        Objects.requireNonNull(assertion, "assertion");
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(why, "why");
    }

    /** Whether {@link #figure()} is a time in ms, which a timeline can draw as a vertical line. */
    public boolean isTime() {
        return figure.endsWith("Time") || figure.equals("writeOutage");
    }

    /** Whether the figure was measured: false when {@link #actual()} is null because it could not be. */
    public boolean measured() {
        return actual != null || figure.equals("failedOver");
    }
}
