package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.assertj.DrillAssertions;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.internal.report.HeadlessChromium;
import io.github.sentineldrill.internal.report.ReportSummary;
import io.github.sentineldrill.report.DrillReportWriter;
import io.github.sentineldrill.report.ReportFiles;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The drill outputs the docs quote, each from a real drill run here, written into its page so that a rerun rewrites
 * them: the killMaster example of docs/measurement.md and the summary of README.md, the seed experiment of
 * docs/seed-experiment.md (with a client that fails fast and one that queues), and the picture of a drill's page
 * (docs/images/drill-report.png, when chromium is on the PATH).
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl core exec:java -Pbenchmark -Dbenchmark=DocsExamples
 * </pre>
 */
public final class DocsExamples {

    static final String COMMAND = "mvn -pl core exec:java -Pbenchmark -Dbenchmark=DocsExamples";

    public static void main(String[] args) throws Exception {
        String caption = Machine.caption(COMMAND);
        ClusterSpec classic = ClusterSpec.builder().replicas(2).sentinels(3).quorum(2)
                .downAfter(Duration.ofMillis(1000)).backend(Backend.LOCAL).build();
        try (SentinelCluster cluster = SentinelCluster.start(classic)) {
            FailoverReport killMaster = cluster.drill().load(WriteLoad.everyMillis(10)).fault(Faults.killMaster())
                    .run();
            DocsPage.write("docs/measurement.md", "sentinel-drill-example", block(caption, killMaster));
            // The README's test asserts these on the same drill; its summary shows them.
            DrillAssertions.assertThat(killMaster).failedOverWithin(Duration.ofSeconds(5))
                    .recoveredWithin(Duration.ofSeconds(6)).hasNoLostWrites();
            DocsPage.write("README.md", "readme-summary", readmeSummary(caption, killMaster));

            FailoverReport failsFast = cluster.drill().load(WriteLoad.everyMillis(100)).fault(Faults.stopMaster())
                    .run();
            // The bounds of docs/seed-experiment.md, so that the page shows them beside the figures.
            DrillAssertions.assertThat(failsFast).failedOverWithin(Duration.ofSeconds(5));
            DocsPage.write("docs/seed-experiment.md", "seed-fails-fast", block(caption, failsFast));
            picture(failsFast);

            FailoverReport queues = queueingClient(cluster);
            DocsPage.write("docs/seed-experiment.md", "seed-queues", block(caption, queues));
        }
    }

    /** The seed experiment under a Lettuce connection with every option at its default: it queues, and it waits. */
    private static FailoverReport queueingClient(SentinelCluster cluster) {
        RedisClient client = RedisClient.create(cluster.clientResources(), cluster.sentinelUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String prefix = "seed:" + System.nanoTime() + ":";
            return cluster.drill()
                    .load(WriteLoad.custom(
                                    sequence -> connection.sync().set(prefix + sequence, "1"),
                                    sequence -> connection.sync().exists(prefix + sequence) == 1)
                            .every(Duration.ofMillis(100)))
                    .fault(Faults.stopMaster())
                    .timeout(Duration.ofSeconds(60))
                    .run();
        } finally {
            client.shutdown();
        }
    }

    /** The drill's page, painted by chromium, for the README and docs/reports.md. */
    private static void picture(FailoverReport report) throws Exception {
        Path work = Files.createTempDirectory("docs-examples");
        ReportFiles files = DrillReportWriter.into(work).write(report, DocsExamples.class.getName(), "seedExperiment");
        Path png = DocsPage.root().resolve("docs/images/drill-report.png");
        var chromium = HeadlessChromium.find(work);
        if (chromium.isEmpty()) {
            System.out.println("chromium is not on the PATH: " + png + " left as it was");
            return;
        }
        chromium.get().screenshot(files.html(), png, 1200, 1500);
        System.out.println("Written " + png);
    }

    /** The lines the extension prints for the README's test, the page's link shown as it is on a team's machine. */
    private static String readmeSummary(String caption, FailoverReport report) {
        String text = ReportSummary.of(report, report.assertedBounds(), Path.of("FailoverSlaTest.html"));
        String link = "file:///.../examples/target/sentinel-drill/io.github.sentineldrill.examples.FailoverSlaTest/"
                + "losingTheMasterMeetsOurFailoverSla.local.html";
        return caption + "\n\n```\n" + text.replaceAll("file:///\\S+", link) + "\n```\n";
    }

    private static String block(String caption, FailoverReport report) {
        return caption + "\n\n```\n" + report.summary() + "\n" + report.compactTimeline() + "\n```\n";
    }

    private DocsExamples() {
    }
}
