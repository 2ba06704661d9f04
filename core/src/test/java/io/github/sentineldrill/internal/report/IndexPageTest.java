package io.github.sentineldrill.internal.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The index page as a string. */
class IndexPageTest {

    private static final Instant GENERATED = Instant.parse("2026-11-25T14:05:00Z");

    @Test
    void listsEveryDrillNewestFirstEachLinkedToItsPage() {
        String page = IndexPage.render(List.of(
                SampleDrills.entry("first", "2026-11-25T14:00:00Z", true),
                SampleDrills.entry("third", "2026-11-25T14:02:00Z", null),
                SampleDrills.entry("second", "2026-11-25T14:01:00Z", false)), GENERATED);

        assertThat(HtmlReportTest.count(page, "<tr class=\"drill\">")).isEqualTo(3);
        assertThat(page).containsSubsequence("<a href=\"drills/third.html\">third</a>",
                        "<a href=\"drills/second.html\">second</a>", "<a href=\"drills/first.html\">first</a>")
                .contains("3 drills; 1 missed a bound; 0 did not recover. Generated 2026-11-25 14:05:00 UTC.")
                .contains("CheckoutFailoverTest<span class=\"package\">com.acme.checkout</span>",
                        "<code>killMaster()</code>", "<td>LOCAL</td>",
                        "2291 ms", "2385 ms", "2386 ms", "2026-11-25 14:02:00 UTC")
                .contains(">\u2713</span>", ">\u2717</span>", ">\u2014</span>");
    }

    @Test
    void absentFiguresAndLostWritesStandOut() {
        IndexEntry entry = new IndexEntry("NoFailoverTest", "quiet", "quiet.html", GENERATED, "DOCKER",
                "killReplica(0)", false, null, null, null, null, 3L);
        IndexEntry unverified = new IndexEntry("NoFailoverTest", "unverified", "u.html", GENERATED, "LOCAL",
                "killMaster()", true, null, 2200L, 2300L, 2301L, null);

        String page = IndexPage.render(List.of(entry, unverified), GENERATED);

        assertThat(page).contains("2 drills;", "<span class=\"bad\">NOT</span>", "<td class=\"num\">none</td>",
                "<td class=\"num\">not measured</td>", "<td class=\"num bad\">3</td>",
                "<td class=\"num\">not measured</td><td class=\"when\">");
    }

    @Test
    void escapesEverythingAndRefersToNothingOutside() {
        IndexEntry entry = new IndexEntry("a.<script>B", "t\"<i>", "x\" onclick=\"alert(1)", GENERATED, "LOCAL",
                "<f>", true, true, 1L, 2L, 3L, 0L);

        String page = IndexPage.render(List.of(entry), GENERATED);

        assertThat(page).doesNotContain("<script>B", "<i>", "\" onclick", "<f>")
                .contains("&lt;script&gt;B<span class=\"package\">a</span>", "href=\"x&quot; onclick=&quot;alert(1)\"", "t&quot;&lt;i&gt;",
                        "&lt;f&gt;")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                        + " style-src 'unsafe-inline'; img-src data:\">")
                .doesNotContain("http:", "https:", "//", "<script", "<link", "url(");
    }

    @Test
    void anEmptyIndexSaysSo() {
        assertThat(IndexPage.render(List.of(), GENERATED)).contains("0 drills;", "No drill has written a report yet.")
                .doesNotContain("<table");
    }
}
