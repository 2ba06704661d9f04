package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.drill.AssertedBound;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.SentinelEvent;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.drill.WriteOutcome;
import io.github.sentineldrill.drill.WriteRecord;
import io.github.sentineldrill.fault.Faults;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON file's schema, read back with the same reader the index page uses. */
class ReportJsonTest {

    private static final Instant FINISHED = Instant.parse("2026-11-25T10:15:30.123Z");

    @Test
    void theDocumentCarriesTheSchemaTheFiguresAndEveryEventAndWrite() {
        Map<?, ?> root = (Map<?, ?>) Json.parse(ReportJson.render(record(failover(), List.of(
                new AssertedBound("failedOverWithin(5000 ms)", "failoverTime", 5000L, 2250L, true, "")))));

        assertThat(root.get("schema")).isEqualTo("sentinel-drill-failover-report");
        assertThat(root.get("schemaVersion")).isEqualTo(new BigDecimal(2));
        assertThat(object(root.get("topology"))).containsEntry("kind", "SENTINEL").containsEntry("backend", "LOCAL")
                .containsEntry("backendChoice", SampleDrills.TOPOLOGY.backendChoice());
        assertThat(root.get("testClass")).isEqualTo("com.acme.CheckoutTest");
        assertThat(root.get("finishedAt")).isEqualTo("2026-11-25T10:15:30.123Z");
        Map<?, ?> figures = (Map<?, ?>) root.get("figures");
        assertThat(figures.get("detectionMs")).isEqualTo(new BigDecimal("1850.000"));
        assertThat(figures.get("failoverMs")).isEqualTo(new BigDecimal("2250.125"));
        assertThat(figures.get("clientRecoveryMs")).isEqualTo(new BigDecimal("2300.000"));
        assertThat(figures.get("writeOutageMs")).isEqualTo(new BigDecimal("2400.000"));
        assertThat(object(root.get("writes"))).containsEntry("attempted", new BigDecimal(4))
                .containsEntry("acknowledged", new BigDecimal(3)).containsEntry("failed", new BigDecimal(1))
                .containsEntry("lost", new BigDecimal(1));
        assertThat((List<?>) root.get("timeline")).hasSize(4);
        assertThat((List<?>) root.get("writeLog")).hasSize(4);
        assertThat(object(((List<?>) root.get("writeLog")).get(1))).containsEntry("outcome", "failed")
                .containsEntry("sentMs", new BigDecimal("100.000")).containsEntry("presence", "not_checked");
        assertThat(object(((List<?>) root.get("writeLog")).get(3))).containsEntry("presence", "absent");
        assertThat((List<?>) root.get("phases")).extracting(p -> object(p).get("name"))
                .containsExactly("detection", "promotion", "client recovery");
        assertThat(object(((List<?>) root.get("bounds")).get(0))).containsEntry("limit", new BigDecimal(5000))
                .containsEntry("passed", true).containsEntry("measured", true);
    }

    @Test
    void figuresThatWereNotMeasuredAreNullWithTheReasonBeside() {
        FailoverReport down = FailoverReport.builder().topology(SampleDrills.TOPOLOGY).fault(Faults.killMaster())
                .load(WriteLoad.everyMillis(10)).masters("redis-0", "redis-0")
                .writes(List.of(write(0, -10, WriteOutcome.ACKNOWLEDGED, true),
                        write(1, 0, WriteOutcome.FAILED, false)))
                .loadEndedAt(Duration.ofSeconds(6)).verificationFailed("the topology could not be reset").build();

        Map<?, ?> root = (Map<?, ?>) Json.parse(ReportJson.render(record(down, List.of())));
        Map<?, ?> figures = (Map<?, ?>) root.get("figures");
        Map<?, ?> why = (Map<?, ?>) root.get("notMeasured");

        assertThat(object(figures)).containsKeys("failoverMs", "clientRecoveryMs", "writeOutageMs");
        assertThat(figures.get("failoverMs")).isNull();
        assertThat(figures.get("detectionMs")).isNull();
        assertThat(figures.get("clientRecoveryMs")).isNull();
        assertThat(figures.get("writeOutageMs")).isNull();
        assertThat(figures.get("writeOutageAtLeastMs")).isEqualTo(new BigDecimal("6010.000"));
        assertThat(object(root.get("writes")).get("lost")).isNull();
        assertThat((String) why.get("writeOutageMs")).contains("the outage had not ended");
        assertThat((String) why.get("lost")).contains("the topology could not be reset");
        assertThat(root.get("recovered")).isEqualTo(false);
        assertThat(ReportJson.indexEntry(ReportJson.render(record(down, List.of())), "x"))
                .satisfies(entry -> {
                    assertThat(entry.writeOutageMs()).isNull();
                    assertThat(entry.lostWrites()).isNull();
                    assertThat(entry.recovered()).isFalse();
                });
    }

    @Test
    void stringsFromTheSentinelsAreEscaped() {
        FailoverReport odd = FailoverReport.builder().topology(SampleDrills.TOPOLOGY).fault(Faults.killMaster())
                .load(WriteLoad.everyMillis(10)).masters("redis-0", "redis-1")
                .event(new SentinelEvent(Duration.ofMillis(5), "sentinel-1", "+odd", "quote \" back\\slash\nnew\u0001"))
                .build();

        List<?> timeline = (List<?>) ((Map<?, ?>) Json.parse(ReportJson.render(record(odd, List.of()))))
                .get("timeline");

        assertThat(object(timeline.get(0))).containsEntry("details", "quote \" back\\slash\nnew\u0001");
    }

    @Test
    void theIndexEntryIsReadBackFromTheDocument() {
        IndexEntry entry = ReportJson.indexEntry(ReportJson.render(record(failover(), List.of(
                new AssertedBound("hasNoLostWrites()", "lostWrites", 0L, 1L, false, "1 lost")))), "c/t.html");

        assertThat(entry.testClass()).isEqualTo("com.acme.CheckoutTest");
        assertThat(entry.testName()).isEqualTo("killMaster");
        assertThat(entry.href()).isEqualTo("c/t.html");
        assertThat(entry.finishedAt()).isEqualTo(FINISHED);
        assertThat(entry.fault()).isEqualTo("killMaster()");
        assertThat(entry.backend()).isEqualTo("LOCAL");
        assertThat(entry.recovered()).isTrue();
        assertThat(entry.boundsPassed()).isFalse();
        assertThat(entry.failoverMs()).isEqualTo(2250L);
        assertThat(entry.clientRecoveryMs()).isEqualTo(2300L);
        assertThat(entry.writeOutageMs()).isEqualTo(2400L);
        assertThat(entry.lostWrites()).isEqualTo(1L);
        assertThat(ReportJson.indexEntry(ReportJson.render(record(failover(), List.of())), "x").boundsPassed())
                .as("no bound asserted").isNull();
    }

    @Test
    void anythingElseIsRefusedWithWhereItStopsBeingJson() {
        assertThatThrownBy(() -> ReportJson.indexEntry("{\"schema\": \"other\"}", "x"))
                .hasMessageContaining("Not a sentinel-drill-failover-report document");
        assertThatThrownBy(() -> ReportJson.indexEntry(
                "{\"schema\": \"sentinel-drill-failover-report\", \"schemaVersion\": 1}", "x"))
                .hasMessageContaining("of version 1, not 2");
        assertThatThrownBy(() -> Json.parse("{\"a\": [1, 2}")).hasMessage("Not JSON: expected ']' at offset 11");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    private static DrillRecord record(FailoverReport report, List<AssertedBound> bounds) {
        bounds.forEach(report::recordAssertion);
        return new DrillRecord("com.acme.CheckoutTest", "killMaster", report);
    }

    private static FailoverReport failover() {
        return FailoverReport.builder().topology(SampleDrills.TOPOLOGY).fault(Faults.killMaster())
                .load(WriteLoad.everyMillis(100)).masters("redis-0", "redis-1").finishedAt(FINISHED)
                .timeline(List.of(new SentinelEvent(Duration.ofMillis(1850), "sentinel-1", "+odown", "master mymaster"),
                        new SentinelEvent(Duration.ofNanos(2_250_125_000L), "sentinel-2", "+switch-master", "x"),
                        new SentinelEvent(Duration.ZERO, "drill", SentinelEvent.FAULT_INJECTED, "killMaster()"),
                        new SentinelEvent(Duration.ofMillis(2300), "client", SentinelEvent.CLIENT_RECOVERED, "")))
                .writes(List.of(write(0, -100, WriteOutcome.ACKNOWLEDGED, true),
                        write(1, 100, WriteOutcome.FAILED, false),
                        write(2, 2300, WriteOutcome.ACKNOWLEDGED, true),
                        write(3, 2350, WriteOutcome.ACKNOWLEDGED, false)))
                .build();
    }

    private static WriteRecord write(long sequence, long sentMillis, WriteOutcome outcome, boolean present) {
        return new WriteRecord(sequence, Duration.ofMillis(sentMillis), Duration.ofMillis(sentMillis), outcome,
                outcome == WriteOutcome.FAILED ? WriteRecord.Presence.NOT_CHECKED
                        : present ? WriteRecord.Presence.PRESENT : WriteRecord.Presence.ABSENT);
    }
}
