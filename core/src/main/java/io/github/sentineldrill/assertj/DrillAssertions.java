package io.github.sentineldrill.assertj;

import io.github.sentineldrill.drill.FailoverReport;

/**
 * Entry point for assertions on a {@link FailoverReport}.
 *
 * <pre>{@code
 * DrillAssertions.assertThat(report)
 *     .failedOverWithin(Duration.ofSeconds(5))
 *     .hadWriteOutageAtMost(Duration.ofSeconds(3))
 *     .hasNoLostWrites();
 * }</pre>
 *
 * In soft assertions: {@code softly.proxy(FailoverReportAssert.class, FailoverReport.class, report)}, or
 * {@link DrillSoftAssertions}.
 */
public final class DrillAssertions {

    private DrillAssertions() {
    }

    public static FailoverReportAssert assertThat(FailoverReport report) {
        return new FailoverReportAssert(report);
    }
}
