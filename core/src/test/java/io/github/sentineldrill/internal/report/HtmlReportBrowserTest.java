package io.github.sentineldrill.internal.report;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report pages in a real browser, Debian's headless {@code chromium}: it builds the SVG with every marker, logs no
 * console message (a resource refused by the Content Security Policy would log one) and paints the page.
 *
 * <p>Skipped when chromium is not on the PATH, unless the environment variable
 * {@value #BROWSER_REQUIRED} is {@code true}, as in CI, where that fails. (The docs' picture is of a real drill,
 * taken by the benchmarks' {@code DocsExamples}.)
 */
class HtmlReportBrowserTest {

    static final String BROWSER_REQUIRED = "SENTINEL_DRILL_BROWSER_REQUIRED";

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 1800;

    @TempDir
    Path dir;

    private HeadlessChromium chromium;

    @BeforeEach
    void findChromium() {
        Optional<HeadlessChromium> found = HeadlessChromium.find(dir);
        if (found.isEmpty() && "true".equals(System.getenv(BROWSER_REQUIRED))) {
            fail("chromium was not found on the PATH, and %s=true requires it (apt-get install -y chromium)",
                    BROWSER_REQUIRED);
        }
        assumeTrue(found.isPresent(), () -> "chromium was not found on the PATH (apt-get install -y chromium);"
                + " set " + BROWSER_REQUIRED + "=true to fail instead of skipping");
        chromium = found.orElseThrow();
    }

    @Test
    void theDrillPageShowsItsTimelineWithoutAConsoleMessage() throws Exception {
        Path page = write("drill.html", HtmlReport.render(SampleDrills.failover()));

        HeadlessChromium.Run dump = chromium.dumpDom(page);

        assertThat(dump.consoleMessages()).as("console messages and refusals on stderr").isEmpty();
        String svg = svgOf(dump.stdout());
        for (String event : List.of("fault-injected", "first-failed-write", "+sdown", "+odown", "+try-failover",
                "+elected-leader", "+selected-slave", "+promoted-slave", "+failover-end", "+switch-master",
                "client-recovered", "fault-healed")) {
            assertThat(svg).as("the marker of %s", event).contains("class=\"event\" data-event=\"" + event + "\"");
        }
        for (String phase : Phases.NAMES) {
            assertThat(svg).contains("class=\"phase\" data-phase=\"" + phase + "\"");
        }
        assertThat(svg).contains("class=\"bound\" data-figure=\"detectionTime\"",
                "class=\"bound\" data-figure=\"failoverTime\"", "class=\"bound\" data-figure=\"clientRecoveryTime\"");
        assertThat(HtmlReportTest.buckets(svg).stream().mapToLong(b -> b[1] + b[2] + b[3] + b[4]).sum())
                .isEqualTo(SampleDrills.failover().report().attemptedWrites());

        Path png = dir.resolve("drill.png");
        HeadlessChromium.Run shot = chromium.screenshot(page, png, WIDTH, HEIGHT);
        assertThat(shot.consoleMessages()).isEmpty();
        assertPainted(png, WIDTH, HEIGHT);
    }

    @Test
    void theIndexPageListsEveryDrillWithoutAConsoleMessage() throws Exception {
        write("drill.html", HtmlReport.render(SampleDrills.failover()));
        List<IndexEntry> entries = List.of(
                SampleDrills.entry("first", "2026-11-25T14:00:00Z", true),
                SampleDrills.entry("second", "2026-11-25T14:01:00Z", false),
                SampleDrills.entry("third", "2026-11-25T14:02:00Z", null));
        Path page = write("index.html", IndexPage.render(entries, Instant.parse("2026-11-25T14:03:00Z")));

        HeadlessChromium.Run dump = chromium.dumpDom(page);

        assertThat(dump.consoleMessages()).as("console messages and refusals on stderr").isEmpty();
        assertThat(HtmlReportTest.count(dump.stdout(), "<tr class=\"drill\">")).isEqualTo(3);
        assertThat(dump.stdout()).containsSubsequence("drills/third.html", "drills/second.html", "drills/first.html");
    }

    /** Without it, a chromium that logged nothing at all would pass the checks above. */
    @Test
    void aRefusedResourceShowsAsAConsoleMessage() throws Exception {
        StringBuilder html = new StringBuilder();
        Html.open(html, "refused", "");
        html.append("<img alt=\"\" src=\"").append("https:").append("//example.invalid/refused.png\">");
        Html.close(html);
        Path page = write("refused.html", html.toString());

        HeadlessChromium.Run dump = chromium.dumpDom(page);

        assertThat(dump.consoleMessages()).as("stderr:%n%s", dump.stderr()).isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("refused.png"));
    }

    private Path write(String name, String html) throws IOException {
        return Files.writeString(dir.resolve(name), html, StandardCharsets.UTF_8);
    }

    private static String svgOf(String dom) {
        int start = dom.indexOf("<svg");
        int end = dom.indexOf("</svg>");
        assertThat(start).as("an <svg> in the DOM").isNotNegative();
        assertThat(end).as("the end of the <svg>").isGreaterThan(start);
        return dom.substring(start, end);
    }

    /** A PNG of the window's size, of more than a few colours. */
    private static void assertPainted(Path png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("%s read as an image", png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < height; y += 4) {
            for (int x = 0; x < width; x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours).as("the colours of %s", png).hasSizeGreaterThan(10);
    }
}
