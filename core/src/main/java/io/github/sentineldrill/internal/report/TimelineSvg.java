package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.drill.AssertedBound;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.SentinelEvent;
import io.github.sentineldrill.drill.WriteRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A drill's timeline as inline SVG, with its legend: the writes per bucket of send time stacked by outcome, the phases
 * as shaded bands, the first sentinel event of each kind and the client's and the drill's events as labelled markers,
 * and the asserted time bounds as dashed lines. Each element has a class and data attributes to be found by.
 */
final class TimelineSvg {

    /** The node events drawn as markers (Sentinel's, then Redis Cluster's); the others are in the events table only. */
    static final List<String> MARKED_NODE_EVENTS = List.of("+sdown", "+odown", "+try-failover",
            "+elected-leader", "+selected-slave", "+promoted-slave", "+switch-master", "+failover-end",
            "+pfail", "+fail", "+promoted", "+slots-moved");

    static final String ACKNOWLEDGED = "#6cbf84";
    static final String LOST = "#f59e0b";
    static final String INDETERMINATE = "#a3aab5";
    static final String FAILED = "#e5484d";
    static final String NODE_EVENT = "#475569";
    static final String CLIENT_EVENT = "#2563eb";
    static final String DRILL_EVENT = "#111827";
    static final String BOUND_MET = "#15803d";
    static final String BOUND_MISSED = "#dc2626";
    static final Map<String, String> PHASE_COLOURS = phaseColours();

    static final String CSS = """
            figure.timeline { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 12px 12px 8px; }
            figure.timeline svg { display: block; width: 100%; max-width: 1100px; height: auto; margin: 0 auto; }
            figure.timeline text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
              fill: var(--ink); }
            figure.timeline text.flag { font: 11px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
              paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
            figure.timeline text.axis { fill: var(--muted); }
            .legend { display: flex; flex-wrap: wrap; gap: 6px 26px; list-style: none; margin: 10px 0 0; padding: 0;
              font-size: 12px; color: var(--muted); justify-content: center; }
            .legend > li { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; }
            .legend li li { display: flex; align-items: center; gap: 5px; }
            .legend ul { display: contents; }
            .legend .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; }
            .legend .line { display: inline-block; width: 0; height: 14px; border-left: 2px solid; }
            .legend .line.dashed { border-left-style: dashed; }
            .legend .group { font-weight: 600; color: var(--ink); }
            @media print { figure.timeline { border: none; padding: 0; } }
            """;

    private static final double WIDTH = 1100;
    private static final double PLOT_LEFT = 72;
    private static final double PLOT_RIGHT = 1076;
    private static final double PLOT_HEIGHT = 230;
    private static final double TOP = 4;
    private static final double ROW = 16;
    private static final double LANE = 10;
    /** Of an 11 px monospace font, slightly generous. */
    private static final double CHAR_WIDTH = 6.8;
    private static final int MAX_TOOLTIP_LINES = 20;
    /** The shortest time axis, for a drill with hardly any writes or events. */
    private static final double MIN_SPAN_MILLIS = 1000;

    private final FailoverReport report;
    private final List<Marker> markers;
    private final List<Phase> phases;
    /** Time bounds drawn as lines: those whose limit is on the chart. */
    private final List<AssertedBound> bounds;
    /** Time bounds whose limit lies beyond the chart's end: named in the legend, not drawn. */
    private final List<AssertedBound> boundsBeyond;
    private final WriteBuckets buckets;
    /** Writes per bucket between two lines of the y axis, and at its top. */
    private final long yStep;
    private final long yTop;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private TimelineSvg(DrillRecord record) {
        this.report = record.report();
        this.markers = markers(report.timeline());
        this.phases = record.phases();
        List<AssertedBound> timeBounds = record.bounds().stream().filter(b -> b.isTime() && b.limit() != null).toList();
        double first = Stream.of(
                        report.writes().stream().map(WriteRecord::sentAt),
                        markers.stream().map(Marker::offset))
                .flatMap(s -> s).mapToDouble(TimelineSvg::millis).min().orElse(0);
        double last = Stream.of(
                        report.writes().stream().map(WriteRecord::sentAt),
                        markers.stream().map(Marker::offset),
                        phases.stream().map(Phase::end))
                .flatMap(s -> s).mapToDouble(TimelineSvg::millis).max().orElse(0);
        first = Math.min(0, first);
        last = Math.max(Math.max(0, last), first + MIN_SPAN_MILLIS);
        double reach = last + (last - first) / 2;
        last = Math.max(last, timeBounds.stream().mapToDouble(AssertedBound::limit).filter(l -> l <= reach).max()
                .orElse(last));
        double pad = Math.max(1, (last - first) * 0.02);
        this.buckets = WriteBuckets.of(report.writes(), Math.min(first, -pad), last + pad);
        this.bounds = timeBounds.stream().filter(b -> b.limit() <= buckets.end()).toList();
        this.boundsBeyond = timeBounds.stream().filter(b -> b.limit() > buckets.end()).toList();
        int max = buckets.maxTotal();
        this.yStep = NiceSteps.atMost(Math.max(1, max), 5);
        this.yTop = Math.max(yStep, (max + yStep - 1) / yStep * yStep);
    }

    /** The figure: the SVG and its legend. */
    static String render(DrillRecord record) {
        return new TimelineSvg(record).render();
    }

    /** The first event of each marked kind, with every occurrence of that kind. */
    static List<Marker> markers(List<SentinelEvent> timeline) {
        Map<String, List<SentinelEvent>> byType = new LinkedHashMap<>();
        for (SentinelEvent event : timeline) {
            if (!event.fromNode() || MARKED_NODE_EVENTS.contains(event.type())) {
                byType.computeIfAbsent(event.type(), t -> new ArrayList<>()).add(event);
            }
        }
        return byType.values().stream().map(Marker::new).toList();
    }

    /** The first event of one kind, and all of them. */
    record Marker(List<SentinelEvent> occurrences) {

        String type() {
            return occurrences.get(0).type();
        }

        Duration offset() {
            return occurrences.get(0).offset();
        }

        String colour() {
            SentinelEvent first = occurrences.get(0);
            return first.fromNode() ? NODE_EVENT : first.source().equals(SentinelEvent.CLIENT) ? CLIENT_EVENT
                    : DRILL_EVENT;
        }
    }

    private String render() {
        List<LabelRows.Placement> flags = LabelRows.place(flagLabels(), WIDTH - 2);
        int flagRows = Math.max(1, LabelRows.rows(flags));
        double flagsBottom = TOP + flagRows * ROW;
        double plotTop = flagsBottom + 10;
        double plotBottom = plotTop + PLOT_HEIGHT;
        List<LabelRows.Placement> phaseLabels = LabelRows.place(phaseLabels(), WIDTH - 2);
        double laneTop = plotBottom + 46;
        double height = phases.isEmpty() ? plotBottom + 44
                : laneTop + LANE + LabelRows.rows(phaseLabels) * ROW + 8;

        out.append(String.format(Locale.ROOT,
                "<figure class=\"timeline\">\n<svg viewBox=\"0 0 %s %s\" width=\"%s\" height=\"%s\" role=\"img\""
                        + " aria-label=\"Timeline of the drill\">\n",
                num(WIDTH), num(height), num(WIDTH), num(height)));
        drawPhases(plotTop, plotBottom, laneTop, phaseLabels);
        yAxis(plotTop, plotBottom);
        bars(plotBottom);
        xAxis(plotBottom);
        eventMarkers(flags, flagsBottom, plotBottom);
        boundLines(flags.subList(markers.size(), flags.size()), flagsBottom, plotBottom);
        out.append("</svg>\n");
        legend();
        out.append("</figure>\n");
        return out.toString();
    }

    private List<LabelRows.Label> flagLabels() {
        List<LabelRows.Label> labels = new ArrayList<>();
        markers.forEach(m -> labels.add(new LabelRows.Label(x(millis(m.offset())), width(markerText(m)))));
        bounds.forEach(b -> labels.add(new LabelRows.Label(boundX(b), width(boundText(b)))));
        return labels;
    }

    private List<LabelRows.Label> phaseLabels() {
        return phases.stream()
                .map(p -> new LabelRows.Label(x(millis(p.start())), width(phaseText(p))))
                .toList();
    }

    private void drawPhases(double plotTop, double plotBottom, double laneTop, List<LabelRows.Placement> labels) {
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            LabelRows.Placement label = labels.get(i);
            String colour = PHASE_COLOURS.getOrDefault(phase.name(), NODE_EVENT);
            double start = x(millis(phase.start()));
            double width = Math.max(2, x(millis(phase.end())) - start);
            double baseline = laneTop + LANE + (label.row() + 1) * ROW - 3;
            out.append(String.format(Locale.ROOT,
                    "<g class=\"phase\" data-phase=\"%s\" data-start-ms=\"%d\" data-end-ms=\"%d\">"
                            + "<title>%s</title>\n"
                            + "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\" fill-opacity=\"0.13\"/>"
                            + "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\" rx=\"2\"/>"
                            + "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\"/>"
                            + "<text class=\"flag\" x=\"%s\" y=\"%s\" text-anchor=\"%s\" fill=\"%s\">%s</text></g>\n",
                    Html.escape(phase.name()), phase.start().toMillis(), phase.end().toMillis(),
                    Html.escape(phase.name() + ": " + Html.offset(phase.start()) + " to " + Html.offset(phase.end())
                            + " (" + Html.millis(phase.end().minus(phase.start())) + ")"),
                    num(start), num(plotTop), num(width), num(plotBottom - plotTop), colour,
                    num(start), num(laneTop), num(width), num(LANE), colour,
                    num(start), num(laneTop + LANE), num(start), num(baseline - 4), colour,
                    num(label.rightOfLine() ? label.start() : label.end()), num(baseline),
                    label.rightOfLine() ? "start" : "end", darker(colour), Html.escape(phaseText(phase))));
        }
    }

    private void yAxis(double plotTop, double plotBottom) {
        for (long value = 0; value <= yTop; value += yStep) {
            double y = plotBottom - PLOT_HEIGHT * value / yTop;
            out.append(String.format(Locale.ROOT,
                    "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#e5e8ec\"/>"
                            + "<text class=\"axis\" x=\"%s\" y=\"%s\" text-anchor=\"end\">%s</text>\n",
                    num(PLOT_LEFT), num(y), num(PLOT_RIGHT), num(y), num(PLOT_LEFT - 6), num(y + 4),
                    Html.count(value)));
        }
        out.append(String.format(Locale.ROOT,
                "<text class=\"axis\" transform=\"translate(%s %s) rotate(-90)\" text-anchor=\"middle\">"
                        + "writes sent per %d ms</text>\n",
                num(16), num((plotTop + plotBottom) / 2), buckets.size()));
    }

    private void bars(double plotBottom) {
        double slot = (PLOT_RIGHT - PLOT_LEFT) / buckets.count();
        double width = slot > 3 ? slot - 1 : slot;
        for (int i = 0; i < buckets.count(); i++) {
            WriteBuckets.Bucket bucket = buckets.bucket(i);
            if (bucket.total() == 0) {
                continue;
            }
            double x = x(bucket.startMillis());
            out.append(String.format(Locale.ROOT,
                    "<g class=\"bucket\" data-start-ms=\"%d\" data-acknowledged=\"%d\" data-lost=\"%d\""
                            + " data-indeterminate=\"%d\" data-failed=\"%d\"><title>%s</title>",
                    bucket.startMillis(), bucket.acknowledged(), bucket.lost(), bucket.indeterminate(),
                    bucket.failed(), Html.escape(bucketTitle(bucket))));
            double y = plotBottom;
            y = segment(x, y, width, bucket.acknowledged(), ACKNOWLEDGED);
            y = segment(x, y, width, bucket.lost(), LOST);
            y = segment(x, y, width, bucket.indeterminate(), INDETERMINATE);
            y = segment(x, y, width, bucket.failed(), FAILED);
            if (bucket.lost() > 0) {
                double middle = x + width / 2;
                out.append(String.format(Locale.ROOT,
                        "<path d=\"M%s %sL%s %sL%s %sZ\" fill=\"%s\" stroke=\"#92400e\" stroke-width=\"0.8\"/>",
                        num(middle - 4), num(y - 9), num(middle + 4), num(y - 9), num(middle), num(y - 2), LOST));
            }
            out.append("</g>\n");
        }
        if (report.writes().isEmpty()) {
            out.append(String.format(Locale.ROOT,
                    "<text class=\"axis\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">no writes</text>\n",
                    num((PLOT_LEFT + PLOT_RIGHT) / 2), num(plotBottom - PLOT_HEIGHT / 2)));
        }
    }

    private double segment(double x, double bottom, double width, int count, String colour) {
        if (count == 0) {
            return bottom;
        }
        double height = Math.max(1.5, count * PLOT_HEIGHT / yTop);
        out.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"/>",
                num(x), num(bottom - height), num(width), num(height), colour));
        return bottom - height;
    }

    private void xAxis(double plotBottom) {
        double span = buckets.end() - buckets.origin();
        long step = NiceSteps.atMost(span, 10);
        out.append(String.format(Locale.ROOT,
                "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#9aa4b1\"/>\n",
                num(PLOT_LEFT), num(plotBottom), num(PLOT_RIGHT), num(plotBottom)));
        for (long tick = Math.floorDiv(buckets.origin() + step - 1, step) * step; tick <= buckets.end();
             tick += step) {
            double x = x(tick);
            out.append(String.format(Locale.ROOT,
                    "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#9aa4b1\"/>"
                            + "<text class=\"axis\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>\n",
                    num(x), num(plotBottom), num(x), num(plotBottom + 5), num(x), num(plotBottom + 18),
                    tickLabel(tick, step, span)));
        }
        out.append(String.format(Locale.ROOT,
                "<text class=\"axis\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">time from the fault's injection"
                        + " (monotonic clock)</text>\n",
                num((PLOT_LEFT + PLOT_RIGHT) / 2), num(plotBottom + 34)));
    }

    private void eventMarkers(List<LabelRows.Placement> flags, double flagsBottom, double plotBottom) {
        for (int i = 0; i < markers.size(); i++) {
            Marker marker = markers.get(i);
            SentinelEvent first = marker.occurrences().get(0);
            out.append(String.format(Locale.ROOT,
                    "<g class=\"event\" data-event=\"%s\" data-source=\"%s\" data-offset-ms=\"%d\"><title>%s</title>",
                    Html.escape(marker.type()), Html.escape(first.source()), marker.offset().toMillis(),
                    Html.escape(markerTitle(marker))));
            flag(x(millis(marker.offset())), flags.get(i), flagsBottom, plotBottom, marker.colour(), false,
                    markerText(marker));
            out.append("</g>\n");
        }
    }

    private void boundLines(List<LabelRows.Placement> flags, double flagsBottom, double plotBottom) {
        for (int i = 0; i < bounds.size(); i++) {
            AssertedBound bound = bounds.get(i);
            out.append(String.format(Locale.ROOT,
                    "<g class=\"bound\" data-figure=\"%s\" data-limit-ms=\"%d\" data-passed=\"%s\">"
                            + "<title>%s</title>",
                    Html.escape(bound.figure()), bound.limit(), bound.passed(), Html.escape(boundTitle(bound))));
            flag(boundX(bound), flags.get(i), flagsBottom, plotBottom, bound.passed() ? BOUND_MET : BOUND_MISSED,
                    true, boundText(bound));
            out.append("</g>\n");
        }
    }

    /** A vertical line from its label down to the axis, and the label. */
    private void flag(double x, LabelRows.Placement label, double flagsBottom, double plotBottom, String colour,
                      boolean dashed, String text) {
        double baseline = flagsBottom - label.row() * ROW - 4;
        out.append(String.format(Locale.ROOT,
                "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"%s\"%s/>"
                        + "<text class=\"flag\" x=\"%s\" y=\"%s\" text-anchor=\"%s\" fill=\"%s\">%s</text>",
                num(x), num(baseline - 9), num(x), num(plotBottom), colour, dashed ? "1.6" : "1",
                dashed ? " stroke-dasharray=\"6 4\"" : " stroke-opacity=\"0.75\"",
                num(label.rightOfLine() ? label.start() : label.end()), num(baseline),
                label.rightOfLine() ? "start" : "end", colour, Html.escape(text)));
    }

    private void legend() {
        out.append("<figcaption><ul class=\"legend\">\n");
        legendGroup("Writes by send time", List.of(swatch(ACKNOWLEDGED, "acknowledged"),
                swatch(LOST, "acknowledged but lost \u25BC"), swatch(INDETERMINATE, "indeterminate"),
                swatch(FAILED, "failed")));
        if (!phases.isEmpty()) {
            legendGroup("Phases", PHASE_COLOURS.entrySet().stream().map(e -> swatch(e.getValue(), e.getKey()))
                    .toList());
        }
        if (!markers.isEmpty()) {
            legendGroup("Events", List.of(line(NODE_EVENT, false, "node (first of each kind)"),
                    line(CLIENT_EVENT, false, "client"), line(DRILL_EVENT, false, "drill")));
        }
        if (!bounds.isEmpty()) {
            legendGroup("Bounds", List.of(line(BOUND_MET, true, "met"), line(BOUND_MISSED, true, "missed")));
        }
        if (!boundsBeyond.isEmpty()) {
            legendGroup("Bounds beyond the chart", boundsBeyond.stream().map(b -> "<li class=\"beyond\""
                    + " data-figure=\"" + Html.escape(b.figure()) + "\" data-limit-ms=\"" + b.limit() + "\">"
                    + Html.escape(b.assertion() + (b.passed() ? " \u2713 met" : b.measured() ? " \u2717 missed"
                    : " \u2717 not measured")) + "</li>").toList());
        }
        out.append("</ul></figcaption>\n");
    }

    private void legendGroup(String name, List<String> items) {
        out.append("<li><span class=\"group\">").append(Html.escape(name)).append("</span><ul>");
        items.forEach(out::append);
        out.append("</ul></li>\n");
    }

    private static String swatch(String colour, String text) {
        return "<li><span class=\"swatch\" style=\"background:" + colour + "\"></span>" + Html.escape(text) + "</li>";
    }

    private static String line(String colour, boolean dashed, String text) {
        return "<li><span class=\"line" + (dashed ? " dashed" : "") + "\" style=\"border-color:" + colour + "\"></span>"
                + Html.escape(text) + "</li>";
    }

    private String bucketTitle(WriteBuckets.Bucket bucket) {
        StringBuilder title = new StringBuilder(String.format(Locale.ROOT, "%s to %s: %d sent",
                Html.offset(Duration.ofMillis(bucket.startMillis())),
                Html.offset(Duration.ofMillis(bucket.startMillis() + buckets.size())), bucket.total()));
        appendCount(title, bucket.acknowledged(), "acknowledged");
        appendCount(title, bucket.lost(), "acknowledged but lost");
        appendCount(title, bucket.indeterminate(), "indeterminate");
        appendCount(title, bucket.failed(), "failed");
        return title.toString();
    }

    private static void appendCount(StringBuilder title, int count, String what) {
        if (count > 0) {
            title.append(String.format(Locale.ROOT, "\n%d %s", count, what));
        }
    }

    private static String markerTitle(Marker marker) {
        StringBuilder title = new StringBuilder(marker.type()).append(", first at ")
                .append(Html.offset(marker.offset()));
        List<SentinelEvent> occurrences = marker.occurrences();
        occurrences.stream().limit(MAX_TOOLTIP_LINES).forEach(e -> title.append('\n').append(e.source()).append(' ')
                .append(Html.offset(e.offset())).append(e.details().isEmpty() ? "" : "  " + shorten(e.details())));
        if (occurrences.size() > MAX_TOOLTIP_LINES) {
            title.append("\n\u2026 and ").append(occurrences.size() - MAX_TOOLTIP_LINES).append(" more");
        }
        return title.toString();
    }

    private static String boundTitle(AssertedBound bound) {
        return bound.assertion() + ": " + (bound.passed() ? "met" : bound.measured() ? "MISSED" : "NOT MEASURED")
                + ", limit " + bound.limit() + " ms, actual " + (bound.actual() == null ? "not measured"
                : bound.actual() + " ms") + (bound.why().isEmpty() ? "" : " (" + bound.why() + ")");
    }

    private static String markerText(Marker marker) {
        return marker.type() + " " + Html.millis(marker.offset());
    }

    private static String boundText(AssertedBound bound) {
        return bound.assertion() + (bound.passed() ? " \u2713" : " \u2717");
    }

    private static String phaseText(Phase phase) {
        return phase.name() + " " + Html.millis(phase.end().minus(phase.start()));
    }

    private double boundX(AssertedBound bound) {
        return Math.max(PLOT_LEFT, x(bound.limit()));
    }

    private double x(double millis) {
        return PLOT_LEFT + (millis - buckets.origin()) / (buckets.end() - buckets.origin()) * (PLOT_RIGHT - PLOT_LEFT);
    }

    private static double width(String text) {
        return text.length() * CHAR_WIDTH;
    }

    private static String tickLabel(long millis, long step, double span) {
        if (millis == 0) {
            return "0";
        }
        if (span < 2000) {
            return String.format(Locale.ROOT, "%d ms", millis);
        }
        int decimals = step >= 1000 ? 0 : step >= 100 ? 1 : step >= 10 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f s", millis / 1000.0);
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 119) + "\u2026";
    }

    private static String darker(String colour) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        int r = (rgb >> 16 & 0xFF) * 6 / 10;
        int g = (rgb >> 8 & 0xFF) * 6 / 10;
        int b = (rgb & 0xFF) * 6 / 10;
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** One per name of {@link Phases#NAMES}, in that order. */
    private static Map<String, String> phaseColours() {
        List<String> colours = List.of("#0ea5e9", "#6366f1", "#a855f7", "#14b8a6");
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < Phases.NAMES.size(); i++) {
            byName.put(Phases.NAMES.get(i), colours.get(i));
        }
        return Collections.unmodifiableMap(byName);
    }
}
