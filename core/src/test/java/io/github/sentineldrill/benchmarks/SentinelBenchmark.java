package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.internal.docker.DockerEngine;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sentinel topologies side by side, in one run: how fast Sentinel Drill's 1 master + 2 replicas + 3 sentinels is
 * ready and fails over, against what a team would use instead, each measured by the same definitions (ready: the
 * master answers, every replica linked, every sentinel knows every replica and every other sentinel; failed over: a
 * sentinel names another master after a SIGKILL of the master):
 * <ul>
 *   <li>a stock setup a team writes by hand from Redis's docs ({@link StockSentinelSetup});</li>
 *   <li>embedded-redis's own sentinel builder, with its defaults and with down-after 1 s ({@link EmbeddedRedisSetup});</li>
 *   <li>{@code reset()} between drills, phase by phase ({@link ResetBenchmark}).</li>
 * </ul>
 * Prints Markdown and writes it into docs/benchmarks.md (section {@code sentinel}).
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl core exec:java -Pbenchmark -Dbenchmark=SentinelBenchmark \
 *     [-Dbenchmark.runs=10] [-Dbenchmark.dockerRuns=5] [-Dbenchmark.slowRuns=2]
 * </pre>
 */
public final class SentinelBenchmark {

    static final String COMMAND = "mvn -pl core exec:java -Pbenchmark -Dbenchmark=SentinelBenchmark";
    private static final ClusterSpec SHAPE = ClusterSpec.builder().replicas(2).sentinels(3).quorum(2).build();
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final int runs = Integer.getInteger("benchmark.runs", 10);
    private final int dockerRuns = Integer.getInteger("benchmark.dockerRuns", 5);
    private final int slowRuns = Integer.getInteger("benchmark.slowRuns", 2);
    private final Table table = new Table();

    public static void main(String[] args) throws Exception {
        new SentinelBenchmark().run();
    }

    private void run() throws Exception {
        boolean docker = DockerEngine.isAvailable();
        table.section("Ready: 1 master + 2 replicas + 3 sentinels");
        table.row("Sentinel Drill, LOCAL", Stats.of(libraryStarts(Backend.LOCAL, runs)), "`SentinelCluster.start` returned");
        if (docker) {
            table.row("Sentinel Drill, DOCKER", Stats.of(libraryStarts(Backend.DOCKER, dockerRuns)),
                    "`SentinelCluster.start` returned");
        }
        table.row("stock setup by hand (redis-server on the PATH)", Stats.of(peerReady(() ->
                StockSentinelSetup.start(1000), runs)), "from the first process started");
        table.row("embedded-redis `RedisCluster` builder, its defaults (its Redis 6.2)", Stats.of(peerReady(() ->
                EmbeddedRedisSetup.start(0), runs)), "from `start()` called");
        table.row("one `redis-server` started and answering PING (the floor)", Stats.of(Floors.oneProcess(runs)), "");
        if (docker) {
            table.row("6 `docker run -d` at once (the DOCKER floor)", Stats.of(Floors.containersAtOnce(6, dockerRuns)),
                    "the engine starting the containers");
            table.row("the same on a network of their own, 1 loopback port published each", Stats.of(
                    Floors.containersAtOnce(6, dockerRuns, 1)), "what a topology asks of the engine");
        }

        table.section("killMaster (SIGKILL) to a sentinel naming the new master, down-after 1000 ms");
        List<FailoverReport> local = drills(Backend.LOCAL, runs);
        table.row("Sentinel Drill, LOCAL: failover time", Stats.of(local, FailoverReport::failoverTimeIfAny),
                "first `+switch-master`, in drills under the built-in writer every 10 ms");
        table.row("Sentinel Drill, LOCAL: client recovery time", Stats.of(local,
                FailoverReport::clientRecoveryTimeIfAny), "the built-in writer acknowledged again");
        table.row("Sentinel Drill, LOCAL: write outage", Stats.of(local, FailoverReport::writeOutageIfEnded), "");
        if (docker) {
            List<FailoverReport> onDocker = drills(Backend.DOCKER, dockerRuns);
            table.row("Sentinel Drill, DOCKER: failover time", Stats.of(onDocker, FailoverReport::failoverTimeIfAny),
                    "");
            table.row("Sentinel Drill, DOCKER: client recovery time", Stats.of(onDocker,
                    FailoverReport::clientRecoveryTimeIfAny), "");
        }
        table.row("stock setup by hand", Stats.of(peerFailovers(() -> StockSentinelSetup.start(1000), runs)),
                "polled on every sentinel every 5 ms");
        table.row("embedded-redis builder, down-after set to 1000 ms",
                Stats.of(peerFailovers(() -> EmbeddedRedisSetup.start(1000), runs)), "");
        table.row("embedded-redis builder, its default down-after (60 s)",
                Stats.of(peerFailovers(() -> EmbeddedRedisSetup.start(0), slowRuns)), "");

        ResetBenchmark.Result reset = ResetBenchmark.measure(Backend.LOCAL, runs);
        table.section("`reset()` after a killMaster failover, LOCAL");
        table.row("whole reset", reset.total(), "");
        reset.phases().forEach((phase, stats) -> table.row("&nbsp;&nbsp;" + phase, stats, ""));

        String markdown = Machine.caption(COMMAND) + "\n\n" + table.markdown();
        System.out.println(markdown);
        DocsPage.write("docs/benchmarks.md", "sentinel", markdown);
    }

    private static List<Double> libraryStarts(Backend backend, int count) {
        ClusterSpec spec = SHAPE.toBuilder().backend(backend).startTimeout(WAIT).build();
        SentinelCluster.start(spec).close();    // warm-up: binaries extracted, images checked, classes loaded
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long begin = System.nanoTime();
            try (SentinelCluster cluster = SentinelCluster.start(spec)) {
                millis.add((System.nanoTime() - begin) / 1e6);
            }
        }
        return millis;
    }

    private static List<FailoverReport> drills(Backend backend, int count) {
        List<FailoverReport> reports = new ArrayList<>();
        try (SentinelCluster cluster = SentinelCluster.start(SHAPE.toBuilder().backend(backend).build())) {
            for (int i = 0; i < count; i++) {
                reports.add(cluster.drill().load(WriteLoad.everyMillis(10)).fault(Faults.killMaster())
                        .timeout(Duration.ofSeconds(30)).run());
            }
        }
        return reports;
    }

    private static List<Double> peerReady(PeerStart start, int count) throws IOException {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            long begin = System.nanoTime();
            try (SentinelPeer peer = start.start()) {
                peer.awaitReady(WAIT);
                if (i > 0) {        // the first is a warm-up
                    millis.add((System.nanoTime() - begin) / 1e6);
                }
            }
        }
        return millis;
    }

    private static List<Double> peerFailovers(PeerStart start, int count) throws IOException {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (SentinelPeer peer = start.start()) {
                peer.awaitReady(WAIT);
                long killed = System.nanoTime();
                peer.killMaster();
                millis.add(peer.awaitFailover(killed, WAIT.multipliedBy(2)));
            }
        }
        return millis;
    }

    @FunctionalInterface
    interface PeerStart {
        SentinelPeer start() throws IOException;
    }

    private SentinelBenchmark() {
    }

    /** Rows of figures, in sections. */
    static final class Table {
        private final StringBuilder rows = new StringBuilder();

        void section(String title) {
            rows.append(String.format(Locale.ROOT, "| **%s** | | |%n", title));
        }

        void row(String what, Stats stats, String note) {
            String row = String.format(Locale.ROOT, "| %s | %s | %s |%n", what, stats, note);
            System.out.print(row);
            rows.append(row);
        }

        String markdown() {
            return "| figure | p50 / p95 / max (runs) | measured as |\n|---|---|---|\n" + rows;
        }
    }
}
