package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.drill.FailoverReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The drill page as a string: what it shows, what it escapes, and that it refers to nothing outside itself. */
class HtmlReportTest {

    private static final Pattern BUCKET = Pattern.compile("<g class=\"bucket\" data-start-ms=\"(-?\\d+)\""
            + " data-acknowledged=\"(\\d+)\" data-lost=\"(\\d+)\" data-indeterminate=\"(\\d+)\""
            + " data-failed=\"(\\d+)\"");

    private final DrillRecord failover = SampleDrills.failover();
    private final String page = HtmlReport.render(failover);

    @Test
    void headerAndCardsShowTheDrillAndItsFigures() {
        assertThat(page).startsWith("<!DOCTYPE html>")
                .contains("<h1>killMasterUnderLoad()</h1>", "com.acme.checkout.CheckoutFailoverTest",
                        "killMaster()", "built-in writer every 1 ms", "redis-0 \u2192 redis-1",
                        "2026-11-25 14:03:27 UTC", "<span class=\"badge ok\">recovered</span>",
                        "2 of 4 bounds missed")
                .contains("<div class=\"value\">1008 ms</div>", "<div class=\"value\">2291 ms</div>",
                        "<div class=\"value\">2385 ms</div>", "1 applied but unacknowledged")
                .containsPattern("Lost</div><div class=\"value\">2</div>");
    }

    @Test
    void markersPhasesAndBoundsAreInTheSvg() {
        String svg = page.substring(page.indexOf("<svg"), page.indexOf("</svg>"));
        for (String event : List.of("+sdown", "+odown", "+try-failover", "+elected-leader", "+selected-slave",
                "+promoted-slave", "+failover-end", "+switch-master", "fault-injected", "first-failed-write",
                "client-recovered", "fault-healed")) {
            assertThat(count(svg, "class=\"event\" data-event=\"" + event + "\"")).as(event).isEqualTo(1);
        }
        assertThat(svg).as("kept for the events table only").doesNotContain("data-event=\"+vote-for-leader\"",
                "data-event=\"+slave\"", "data-event=\"-sdown\"");
        String odown = svg.substring(svg.indexOf("data-event=\"+odown\""));
        assertThat(odown.substring(0, odown.indexOf("</title>")))
                .contains("+odown, first at +1008 ms\nsentinel-1 +1008 ms", "\nsentinel-0 +1012 ms",
                        "\nsentinel-2 +1015 ms");
        for (String phase : Phases.NAMES) {
            assertThat(svg).contains("class=\"phase\" data-phase=\"" + phase + "\"");
        }
        assertThat(count(svg, "class=\"bound\"")).as("the time bounds only").isEqualTo(3);
        assertThat(svg).contains("data-figure=\"failoverTime\" data-limit-ms=\"5000\" data-passed=\"true\"",
                "data-figure=\"clientRecoveryTime\" data-limit-ms=\"2000\" data-passed=\"false\"",
                "stroke=\"" + TimelineSvg.BOUND_MISSED + "\"");
    }

    @Test
    void bucketsCountEveryWriteOnce() {
        FailoverReport report = failover.report();
        List<long[]> buckets = buckets(page);
        assertThat(buckets.stream().mapToLong(b -> b[1] + b[2] + b[3] + b[4]).sum())
                .isEqualTo(report.attemptedWrites());
        assertThat(buckets.stream().mapToLong(b -> b[1]).sum())
                .isEqualTo(report.acknowledgedWrites() - report.lostWrites());
        assertThat(buckets.stream().mapToLong(b -> b[2]).sum()).isEqualTo(report.lostWrites()).isEqualTo(2);
        assertThat(buckets.stream().mapToLong(b -> b[3]).sum()).isEqualTo(report.indeterminateWrites());
        assertThat(buckets.stream().mapToLong(b -> b[4]).sum()).isEqualTo(report.failedWrites());
        long size = buckets.get(1)[0] - buckets.get(0)[0];
        long span = buckets.get(buckets.size() - 1)[0] + size - buckets.get(0)[0];
        assertThat(span / size).as("buckets of %d ms", size).isBetween(60L, 150L);
        assertThat(page).contains("writes sent per " + size + " ms");
    }

    @Test
    void tablesListBoundsEventsAndTheWritesNotAcknowledged() {
        FailoverReport report = failover.report();
        long notAcknowledged = report.failedWrites() + report.indeterminateWrites() + report.lostWrites();
        assertThat(page).contains("<code>recoveredWithin(2000 ms)</code>", "2,000 ms", "2,385 ms", "\u2717 missed")
                .contains("<td class=\"type\">+vote-for-leader</td>", "8c1e0f4b3a2d19e7c6b5a4f3e2d1c0b9a8f7e6d5")
                .contains("<summary>Writes not acknowledged or lost (" + Html.count(notAcknowledged) + ")</summary>",
                        "Showing 300 of " + Html.count(notAcknowledged),
                        Html.count(notAcknowledged - HtmlReport.MAX_WRITE_ROWS) + " left out",
                        "acknowledged, LOST", "yes (applied, unacknowledged)");
        String writes = page.substring(page.indexOf("<table class=\"writes\">"));
        assertThat(count(writes, "<tr><td class=\"num\">")).isEqualTo(HtmlReport.MAX_WRITE_ROWS);
    }

    @Test
    void everyStringFromTheReportIsEscaped() {
        String hostile = HtmlReport.render(SampleDrills.hostile());

        assertThat(hostile).doesNotContain("<script>", "<img", "<b>markup", "</td></tr> and", "\u0000")
                .contains("com.acme.&lt;script&gt;alert(1)&lt;/script&gt;Test",
                        "name &quot;with&quot; &lt;b&gt;markup&lt;/b&gt; &amp; &#39;quotes&#39;",
                        "data-event=\"&lt;img src=x onerror=alert(1)&gt;\"",
                        "&lt;/td&gt;&lt;/tr&gt; and a \uFFFD NUL", "within(&lt;5000&gt; ms) &amp;&amp; &quot;x&quot;");
    }

    @Test
    void aDrillWithoutFailoverOrFailedWritesRenders() {
        String quiet = HtmlReport.render(SampleDrills.quiet());

        assertThat(quiet).contains("no failover", "redis-0 (unchanged)", "<div class=\"value\">not seen</div>",
                "client never interrupted", "<div class=\"value\">0 ms</div>",
                "The test asserted no bound on this drill.", "Every write was acknowledged",
                "data-event=\"fault-injected\"", "data-event=\"+sdown\"")
                .doesNotContain("class=\"phase\"", "class=\"bound\"", "bounds met", "bounds missed");
        assertThat(buckets(quiet).stream().mapToLong(b -> b[1]).sum()).isEqualTo(171);
    }

    @Test
    void aDrillWithNoWritesAndNoEventsRenders() {
        String empty = HtmlReport.render(SampleDrills.empty());

        assertThat(empty).contains("NOT recovered", "no writes", "No event was seen.", "</html>")
                .doesNotContain("class=\"bucket\"", "class=\"event\"");
    }

    @Test
    void thePageRefersToNothingOutsideItself() {
        for (String rendered : List.of(page, HtmlReport.render(SampleDrills.quiet()),
                HtmlReport.render(SampleDrills.empty()))) {
            assertThat(rendered).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                            + " style-src 'unsafe-inline'; img-src data:\">")
                    .doesNotContain("http:", "https:", "//", "<script", "<link", "@import", "url(");
        }
    }

    static List<long[]> buckets(String page) {
        List<long[]> buckets = new ArrayList<>();
        Matcher matcher = BUCKET.matcher(page);
        while (matcher.find()) {
            long[] bucket = new long[5];
            for (int i = 0; i < 5; i++) {
                bucket[i] = Long.parseLong(matcher.group(i + 1));
            }
            buckets.add(bucket);
        }
        return buckets;
    }

    static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
