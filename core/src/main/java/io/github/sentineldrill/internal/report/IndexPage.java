package io.github.sentineldrill.internal.report;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The index of a run's drill reports as one self-contained HTML page: a table of every drill, newest first, each
 * linked to its own page. Like the drill pages, it loads nothing.
 */
public final class IndexPage {

    private static final String CSS = """
            header p { color: var(--muted); margin: 4px 0 16px; }
            td.test { overflow-wrap: break-word; }
            td.mark, th.mark { text-align: center; font-weight: 600; }
            """;

    private IndexPage() {
    }

    /** The index of {@code entries}, in any order; {@code generatedAt} is shown as when it was written. */
    public static String render(List<IndexEntry> entries, Instant generatedAt) {
        StringBuilder out = new StringBuilder(4096 + entries.size() * 512);
        Html.open(out, "Sentinel Drill reports", CSS);
        long missed = entries.stream().filter(e -> Boolean.FALSE.equals(e.boundsPassed())).count();
        long notRecovered = entries.stream().filter(e -> !e.recovered()).count();
        out.append("<header>\n<h1>Sentinel Drill reports</h1>\n<p>")
                .append(String.format(Locale.ROOT, "%s drill%s; %s missed a bound; %s did not recover. Generated %s.",
                        Html.count(entries.size()), entries.size() == 1 ? "" : "s", Html.count(missed),
                        Html.count(notRecovered), Html.escape(Html.utc(generatedAt))))
                .append("</p>\n</header>\n");
        if (entries.isEmpty()) {
            out.append("<p>No drill has written a report yet.</p>\n");
        } else {
            table(out, entries);
        }
        Html.close(out);
        return out.toString();
    }

    private static void table(StringBuilder out, List<IndexEntry> entries) {
        out.append("<table class=\"drills\">\n<thead><tr><th>Test class</th><th>Test</th><th>Fault</th>"
                + "<th>Recovered</th><th class=\"mark\">Bounds</th><th class=\"num\">Failover</th>"
                + "<th class=\"num\">Client recovery</th><th class=\"num\">Write outage</th>"
                + "<th class=\"num\">Lost writes</th><th>Finished</th></tr></thead>\n<tbody>\n");
        entries.stream()
                .sorted(Comparator.comparing(IndexEntry::finishedAt).reversed()
                        .thenComparing(IndexEntry::testClass)
                        .thenComparing(IndexEntry::testName))
                .forEach(entry -> row(out, entry));
        out.append("</tbody>\n</table>\n");
    }

    private static void row(StringBuilder out, IndexEntry entry) {
        out.append("<tr class=\"drill\"><td class=\"test\">").append(breakable(entry.testClass()))
                .append("</td><td class=\"test\"><a href=\"").append(Html.escape(entry.href())).append("\">")
                .append(Html.escape(entry.testName())).append("</a></td><td><code>").append(Html.escape(entry.fault()))
                .append("</code></td><td>")
                .append(entry.recovered() ? "<span class=\"ok\">yes</span>" : "<span class=\"bad\">NOT</span>")
                .append("</td><td class=\"mark\">").append(boundsMark(entry.boundsPassed()))
                .append("</td><td class=\"num\">").append(millis(entry.failoverMs()))
                .append("</td><td class=\"num\">").append(millis(entry.clientRecoveryMs()))
                .append("</td><td class=\"num\">").append(Html.millis(entry.writeOutageMs()))
                .append("</td><td class=\"num").append(entry.lostWrites() > 0 ? " bad" : "").append("\">")
                .append(Html.count(entry.lostWrites()))
                .append("</td><td>").append(Html.escape(Html.utc(entry.finishedAt())))
                .append("</td></tr>\n");
    }

    /** The class name, escaped, that may wrap after each dot. */
    private static String breakable(String className) {
        return Html.escape(className).replace(".", ".<wbr>");
    }

    private static String boundsMark(Boolean passed) {
        if (passed == null) {
            return "<span class=\"muted\" title=\"no bound asserted\">" + Html.ABSENT + "</span>";
        }
        return passed ? "<span class=\"ok\" title=\"every bound met\">\u2713</span>"
                : "<span class=\"bad\" title=\"a bound missed\">\u2717</span>";
    }

    private static String millis(Long millis) {
        return millis == null ? Html.ABSENT : Html.millis(millis);
    }
}
