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
            table.drills { table-layout: auto; }
            table.drills th { white-space: normal; }
            td.test { overflow-wrap: anywhere; min-width: 10em; }
            td.test .package { display: block; color: var(--muted); font-size: 11.5px; }
            td.fault code { overflow-wrap: anywhere; }
            td.mark, th.mark { text-align: center; font-weight: 600; }
            td.when { color: var(--muted); font-size: 12.5px; }
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
        out.append("<table class=\"drills\">\n<thead><tr><th>Test class</th><th>Test</th><th>Backend</th>"
                + "<th>Fault</th><th>Recovered</th><th class=\"mark\">Bounds</th><th class=\"num\">Failover</th>"
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
        out.append("<tr class=\"drill\"><td class=\"test\">").append(testClass(entry.testClass()))
                .append("</td><td class=\"test\"><a href=\"").append(Html.escape(entry.href())).append("\">")
                .append(Html.escape(entry.testName())).append("</a></td><td>").append(Html.escape(entry.backend()))
                .append("</td><td class=\"fault\"><code>").append(Html.escape(entry.fault()))
                .append("</code></td><td>")
                .append(entry.recovered() ? "<span class=\"ok\">yes</span>" : "<span class=\"bad\">NOT</span>")
                .append("</td><td class=\"mark\">").append(boundsMark(entry.boundsPassed()))
                .append("</td><td class=\"num\">").append(entry.failoverMs() == null ? "none" : Html.millis(entry.failoverMs()))
                .append("</td><td class=\"num\">").append(millis(entry.clientRecoveryMs()))
                .append("</td><td class=\"num\">").append(millis(entry.writeOutageMs()))
                .append("</td><td class=\"num").append(entry.lostWrites() != null && entry.lostWrites() > 0 ? " bad" : "")
                .append("\">").append(entry.lostWrites() == null ? "not measured" : Html.count(entry.lostWrites()))
                .append("</td><td class=\"when\">").append(Html.escape(Html.utc(entry.finishedAt())))
                .append("</td></tr>\n");
    }

    /** The class's simple name, with its package below in small print: rows stay short. */
    private static String testClass(String className) {
        int dot = className.lastIndexOf('.');
        String simple = className.substring(dot + 1);
        return Html.escape(simple) + (dot < 0 ? ""
                : "<span class=\"package\">" + Html.escape(className.substring(0, dot)) + "</span>");
    }

    private static String boundsMark(Boolean passed) {
        if (passed == null) {
            return "<span class=\"muted\" title=\"no bound asserted\">" + Html.ABSENT + "</span>";
        }
        return passed ? "<span class=\"ok\" title=\"every bound met\">\u2713</span>"
                : "<span class=\"bad\" title=\"a bound missed\">\u2717</span>";
    }

    private static String millis(Long millis) {
        return millis == null ? "not measured" : Html.millis(millis);
    }
}
