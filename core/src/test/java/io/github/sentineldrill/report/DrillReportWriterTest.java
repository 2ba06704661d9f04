package io.github.sentineldrill.report;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.assertj.DrillAssertions;
import io.github.sentineldrill.drill.DrillTopology;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.SentinelEvent;
import io.github.sentineldrill.drill.TopologyKind;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.drill.WriteOutcome;
import io.github.sentineldrill.drill.WriteRecord;
import io.github.sentineldrill.fault.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrillReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesTheJsonThePageAndTheSummaryWithTheBoundsUnderTheClassesDirectory() throws IOException {
        FailoverReport report = report(true);
        DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(5));
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).hadWriteOutageAtMost(Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class);

        ReportFiles files = DrillReportWriter.into(dir).write(report, "com.example.CheckoutTest$WhenTheMasterDies",
                "killMaster");

        Path classDirectory = dir.resolve("com.example.CheckoutTest.WhenTheMasterDies");
        assertThat(files.json()).isEqualTo(classDirectory.resolve("killMaster.local.json")).isRegularFile();
        assertThat(files.html()).isEqualTo(classDirectory.resolve("killMaster.local.html")).isRegularFile();
        assertThat(files.summary()).isEqualTo(classDirectory.resolve("killMaster.local.txt"));
        assertThat(Files.readAllLines(files.summary(), StandardCharsets.UTF_8))
                .allSatisfy(line -> assertThat(line).startsWith("[sentinel-drill] "))
                .anySatisfy(line -> assertThat(line).contains("killMaster() on 'mymaster' (LOCAL)"))
                .anySatisfy(line -> assertThat(line).endsWith("bound failedOverWithin(5000 ms): met"))
                .anySatisfy(line -> assertThat(line).contains("bound hadWriteOutageAtMost(100 ms): MISSED (it was"))
                .last().asString().startsWith("[sentinel-drill]   report: file:///").endsWith("killMaster.local.html");
        assertThat(dir.resolve("index.html")).content(StandardCharsets.UTF_8).contains("killMaster.local.html");
        try (Stream<Path> left = Files.walk(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no lock or temporary file left").noneMatch(name -> name.contains("lock") || name.endsWith(".tmp"));
        }
    }

    @Test
    void aBoundOnAFigureThatWasNotMeasuredReadsSoInTheSummary() throws IOException {
        FailoverReport report = report(false);
        assertThatThrownBy(() -> DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(5)))
                .isInstanceOf(AssertionError.class);

        ReportFiles files = DrillReportWriter.into(dir).write(report, "CheckoutTest", "noFailover");

        assertThat(files.summary()).content(StandardCharsets.UTF_8).contains(
                "bound failedOverWithin(5000 ms): NOT MEASURED (no sentinel announced +switch-master)");
    }

    @Test
    void aSecondDrillOfOneMethodGetsANumberedName() {
        DrillReportWriter writer = DrillReportWriter.into(dir);
        ReportFiles first = writer.write(report(true), "CheckoutTest", "twoDrills");
        ReportFiles second = writer.write(report(true), "CheckoutTest", "twoDrills");

        assertThat(first.json().getFileName()).hasToString("twoDrills.local.json");
        assertThat(second.json().getFileName()).hasToString("twoDrills-2.local.json");
        assertThat(second.summary().getFileName()).hasToString("twoDrills-2.local.txt");
    }

    @Test
    void theSummaryLinksThePageWithThreeSlashes() {
        ReportFiles files = new ReportFiles("T", "m", dir.resolve("m.local.json"), dir.resolve("m.local.html"));

        assertThat(DrillReportWriter.summary(report(true), files)).contains("report: file:///")
                .doesNotContain("report: file:/" + dir.toString().substring(1));
    }

    private static FailoverReport report(boolean failedOver) {
        List<WriteRecord> writes = List.of(
                new WriteRecord(0, Duration.ofMillis(-100), Duration.ofMillis(-99), WriteOutcome.ACKNOWLEDGED,
                        WriteRecord.Presence.PRESENT),
                new WriteRecord(1, Duration.ofMillis(0), Duration.ofMillis(1), WriteOutcome.FAILED,
                        WriteRecord.Presence.NOT_CHECKED),
                new WriteRecord(2, Duration.ofMillis(2300), Duration.ofMillis(2301), WriteOutcome.ACKNOWLEDGED,
                        WriteRecord.Presence.PRESENT));
        FailoverReport.Builder builder = FailoverReport.builder()
                .topology(new DrillTopology(TopologyKind.SENTINEL, Backend.LOCAL, "requested", "mymaster",
                        "1 master, 1 replica, 3 sentinels"))
                .fault(Faults.killMaster()).load(WriteLoad.everyMillis(100)).masters("redis-0", "redis-1")
                .writes(writes).finishedAt(Instant.parse("2026-12-01T12:00:00Z"));
        if (failedOver) {
            builder.event(new SentinelEvent(Duration.ofMillis(2250), "sentinel-0", "+switch-master", "mymaster"));
        }
        return builder.build();
    }
}
