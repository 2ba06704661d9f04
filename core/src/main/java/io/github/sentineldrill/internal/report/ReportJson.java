package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.drill.AssertedBound;
import io.github.sentineldrill.drill.DrillTopology;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.SentinelEvent;
import io.github.sentineldrill.drill.WriteRecord;
import io.github.sentineldrill.fault.NodeFault;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * A drill's JSON file, schema {@value #SCHEMA} version {@value #VERSION}, documented member by member in
 * {@code docs/reports.md}. Times are milliseconds from the fault's injection, with microsecond decimals; counts are
 * integers; a figure that could not be measured is {@code null}, with the reason beside it. Members are only ever added
 * within a version; version 2 changed what {@code clientRecoveryMs} and {@code writeOutageMs} mean (interruptions
 * include stalls, an outage includes the one still open) and made {@code lost} null when not verified.
 */
public final class ReportJson {

    public static final String SCHEMA = "sentinel-drill-failover-report";
    public static final int VERSION = 2;

    private ReportJson() {
    }

    public static String render(DrillRecord record) {
        FailoverReport report = record.report();
        DrillTopology topology = report.topology();
        StringBuilder out = new StringBuilder(256 + 96 * report.writes().size());
        out.append("{\n");
        member(out, "schema", Json.quote(SCHEMA));
        member(out, "schemaVersion", String.valueOf(VERSION));
        member(out, "testClass", Json.quote(record.testClass()));
        member(out, "testName", Json.quote(record.testName()));
        member(out, "finishedAt", Json.quote(record.finishedAt().toString()));
        member(out, "topology", object(
                "kind", Json.quote(topology.kind().name()),
                "name", Json.quote(topology.name()),
                "shape", Json.quote(topology.shape()),
                "backend", Json.quote(topology.backend().name()),
                "backendChoice", Json.quote(topology.backendChoice())));
        member(out, "fault", object(
                "name", Json.quote(report.fault().name()),
                "description", Json.quote(report.fault().toString()),
                "durationMs", report.fault().duration().map(d -> String.valueOf(d.toMillis())).orElse("null"),
                "shard", report.fault() instanceof NodeFault targeted ? String.valueOf(targeted.shard()) : "null"));
        member(out, "load", object(
                "description", Json.quote(report.load().toString()),
                "builtIn", String.valueOf(report.load().builtIn()),
                "periodMs", ms(report.load().period()),
                "endedMs", ms(report.loadEndedAt())));
        member(out, "oldMaster", Json.quote(report.oldMaster()));
        member(out, "newMaster", Json.quote(report.newMaster()));
        member(out, "recovered", String.valueOf(report.recovered()));
        member(out, "clientInterrupted", String.valueOf(report.clientInterrupted()));
        member(out, "failedOver", String.valueOf(report.failedOver()));
        member(out, "figures", object(
                "detectionMs", ms(report.detectionTimeIfAny()),
                "failoverMs", ms(report.failoverTimeIfAny()),
                "clientRecoveryMs", ms(report.clientRecoveryTimeIfAny()),
                "writeOutageMs", ms(report.writeOutageIfEnded()),
                "writeOutageAtLeastMs", ms(report.writeOutageAtLeast())));
        member(out, "notMeasured", object(
                "detectionMs", why(report.detectionTimeIfAny().isEmpty(), report.whyNoDetection()),
                "failoverMs", why(report.failoverTimeIfAny().isEmpty(), report.whyNoFailover()),
                "clientRecoveryMs", why(!report.recovered(), report.whyNotRecovered()),
                "writeOutageMs", why(report.writeOutageIfEnded().isEmpty(), report.whyOutageOpen()),
                "lost", why(!report.verified(), report.whyNotVerified())));
        member(out, "writes", object(
                "attempted", String.valueOf(report.attemptedWrites()),
                "acknowledged", String.valueOf(report.acknowledgedWrites()),
                "failed", String.valueOf(report.failedWrites()),
                "indeterminate", String.valueOf(report.indeterminateWrites()),
                "appliedButUnacknowledged", count(report.appliedButUnacknowledgedWritesIfVerified()),
                "lost", count(report.lostWritesIfVerified())));
        member(out, "phases", array(record.phases().stream().map(p -> object(
                "name", Json.quote(p.name()), "startMs", ms(p.start()), "endMs", ms(p.end()))).toList()));
        member(out, "bounds", array(record.bounds().stream().map(ReportJson::bound).toList()));
        member(out, "timeline", array(report.timeline().stream().map(ReportJson::event).toList()));
        out.append("  \"writeLog\": ").append(array(report.writes().stream().map(ReportJson::write).toList()))
                .append("\n}\n");
        return out.toString();
    }

    /**
     * The index page's line for a drill, read back from its JSON file.
     *
     * @param href the drill's HTML page relative to the index page
     * @throws IllegalArgumentException when the text is not a report of this schema and version
     */
    public static IndexEntry indexEntry(String json, String href) {
        if (!(Json.parse(json) instanceof Map<?, ?> root) || !SCHEMA.equals(root.get("schema"))) {
            throw new IllegalArgumentException("Not a " + SCHEMA + " document");
        }
        Object version = root.get("schemaVersion");
        if (!(version instanceof BigDecimal number) || number.intValue() != VERSION) {
            throw new IllegalArgumentException("A " + SCHEMA + " document of version " + version + ", not " + VERSION);
        }
        Map<?, ?> figures = (Map<?, ?>) root.get("figures");
        Map<?, ?> writes = (Map<?, ?>) root.get("writes");
        Map<?, ?> topology = (Map<?, ?>) root.get("topology");
        List<?> bounds = (List<?>) root.get("bounds");
        Boolean boundsPassed = bounds.isEmpty() ? null
                : bounds.stream().allMatch(b -> Boolean.TRUE.equals(((Map<?, ?>) b).get("passed")));
        return new IndexEntry((String) root.get("testClass"), (String) root.get("testName"), href,
                Instant.parse((String) root.get("finishedAt")), (String) topology.get("backend"),
                (String) ((Map<?, ?>) root.get("fault")).get("description"), Boolean.TRUE.equals(root.get("recovered")),
                boundsPassed, millis(figures.get("failoverMs")), millis(figures.get("clientRecoveryMs")),
                millis(figures.get("writeOutageMs")),
                writes.get("lost") == null ? null : ((BigDecimal) writes.get("lost")).longValueExact());
    }

    private static String bound(AssertedBound bound) {
        return object(
                "assertion", Json.quote(bound.assertion()),
                "figure", Json.quote(bound.figure()),
                "limit", String.valueOf(bound.limit()),
                "actual", String.valueOf(bound.actual()),
                "measured", String.valueOf(bound.measured()),
                "passed", String.valueOf(bound.passed()),
                "why", Json.quote(bound.why()));
    }

    private static String event(SentinelEvent event) {
        return object("offsetMs", ms(event.offset()), "source", Json.quote(event.source()),
                "type", Json.quote(event.type()), "details", Json.quote(event.details()));
    }

    private static String write(WriteRecord write) {
        return object("seq", String.valueOf(write.sequence()), "sentMs", ms(write.sentAt()),
                "completedMs", ms(write.completedAt()),
                "outcome", Json.quote(write.outcome().name().toLowerCase(Locale.ROOT)),
                "presence", Json.quote(write.presence().name().toLowerCase(Locale.ROOT)));
    }

    private static String why(boolean missing, String why) {
        return missing ? Json.quote(why) : "null";
    }

    private static String count(OptionalLong count) {
        return count.isPresent() ? String.valueOf(count.getAsLong()) : "null";
    }

    private static void member(StringBuilder out, String name, String value) {
        out.append("  ").append(Json.quote(name)).append(": ").append(value).append(",\n");
    }

    /** {@code {"a": 1, "b": 2}} on one line, from name and JSON value pairs. */
    private static String object(String... namesAndValues) {
        StringJoiner members = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            members.add(Json.quote(namesAndValues[i]) + ": " + namesAndValues[i + 1]);
        }
        return members.toString();
    }

    /** One element per line. */
    private static String array(List<String> elements) {
        if (elements.isEmpty()) {
            return "[]";
        }
        return "[\n    " + String.join(",\n    ", elements) + "\n  ]";
    }

    private static String ms(Optional<Duration> duration) {
        return duration.map(ReportJson::ms).orElse("null");
    }

    static String ms(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 6).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    private static Long millis(Object value) {
        return value == null ? null : ((BigDecimal) value).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
