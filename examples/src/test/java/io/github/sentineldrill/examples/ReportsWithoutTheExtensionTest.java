package io.github.sentineldrill.examples;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.report.DrillReportWriter;
import io.github.sentineldrill.report.ReportFiles;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** A drill run from the test's own code, its report files written by the test: what the extension does for you. */
class ReportsWithoutTheExtensionTest {

    @Test
    void aDrillRunByHandWritesItsReportFilesWhereTheTestSays() {
        DrillReportWriter reports = DrillReportWriter.into(DrillReportWriter.defaultDirectory());
        try (SentinelCluster cluster = SentinelCluster.start(
                ClusterSpec.builder().replicas(1).sentinels(3).build())) {
            FailoverReport report = cluster.drill()
                    .load(WriteLoad.everyMillis(50))
                    .fault(Faults.manualFailover())
                    .run();
            try {
                assertThat(report).failedOverWithin(Duration.ofSeconds(5));
            } finally {
                // Written after the assertion, so that the files show the bound, met or not.
                ReportFiles files = reports.write(report, getClass().getName(), "manualFailover");
                System.out.println(DrillReportWriter.summary(report, files));
                assertThat(files.html()).exists();
            }
        }
    }
}
