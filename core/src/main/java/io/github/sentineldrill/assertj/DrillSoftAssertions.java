package io.github.sentineldrill.assertj;

import io.github.sentineldrill.drill.FailoverReport;
import org.assertj.core.api.SoftAssertions;

/** Soft assertions that know drill reports: every failed bound is collected and reported together. */
public class DrillSoftAssertions extends SoftAssertions {

    public FailoverReportAssert assertThat(FailoverReport report) {
        return proxy(FailoverReportAssert.class, FailoverReport.class, report);
    }
}
