package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.fault.InjectedFault;
import io.github.sentineldrill.internal.StartupStyle;
import io.github.sentineldrill.internal.Topology;
import io.github.sentineldrill.internal.docker.DockerEngine;
import io.github.sentineldrill.internal.docker.DockerTopology;
import io.github.sentineldrill.internal.local.LocalTopology;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything side by side, in one process: how much faster and tighter drills are than the setups teams write by hand,
 * each figure beside its floor. Prints a Markdown table and, with {@code -Dbenchmark.docs=docs/benchmarks.md}, puts it
 * into that page between its {@code comparison} markers.
 *
 * <ol>
 *   <li>Ready time of 1 master + 2 replicas + 3 sentinels, LOCAL and DOCKER: Sentinel Drill's start against a stock
 *       setup started the same way ({@link StartupStyle#STOCK}: sentinels that discover each other, Redis's default
 *       diskless-sync delay).</li>
 *   <li>killMaster, to a new master and to client recovery: the library's defaults (down-after 1 s, the built-in
 *       writer) against Sentinel's default down-after (30 s), and against a Lettuce client with its default
 *       reconnect backoff.</li>
 *   <li>Drill wall time, {@code reset()} time, the nodes' resident memory, the heap a drill's report holds.</li>
 *   <li>The built-in writer's throughput and scheduling lag.</li>
 * </ol>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl core exec:java -Pbenchmark -Dbenchmark=ComparisonBenchmark \
 *     -Dbenchmark.docs=docs/benchmarks.md [-Dbenchmark.runs=10] [-Dbenchmark.dockerRuns=5]
 * </pre>
 * (DOCKER needs an engine and an image, see docs/backends.md; without one its rows say so.)
 */
public final class ComparisonBenchmark {

    private static final ClusterSpec SHAPE = ClusterSpec.builder().replicas(2).sentinels(3).quorum(2).build();
    private static final Duration SENTINEL_DEFAULT_DOWN_AFTER = Duration.ofSeconds(30);
    private static final Duration SENTINEL_DEFAULT_FAILOVER_TIMEOUT = Duration.ofMinutes(3);

    private final int runs = Integer.getInteger("benchmark.runs", 10);
    private final int dockerRuns = Integer.getInteger("benchmark.dockerRuns", 5);
    private final Table table = new Table();

    public static void main(String[] args) throws Exception {
        new ComparisonBenchmark().run(System.getProperty("benchmark.docs", ""));
    }

    private void run(String docs) throws Exception {
        long begin = System.nanoTime();
        Floors floors = Floors.measure(dockerAvailable());
        readyTimes(Backend.LOCAL, runs, floors.localNode());
        if (dockerAvailable()) {
            readyTimes(Backend.DOCKER, dockerRuns, floors.dockerNode());
        } else {
            table.note("DOCKER ready times: no Docker engine and image here");
        }
        failovers();
        try (SentinelCluster cluster = SentinelCluster.start(SHAPE.toBuilder().backend(Backend.LOCAL).build())) {
            drillsAndMemory(cluster);
            writer(cluster);
        }
        String markdown = table.markdown(String.format(Locale.ROOT,
                "Measured %s on %s (%d cores), Redis %s; %d runs each (%d on DOCKER); the whole run took %d s.",
                LocalDate.now(), System.getProperty("os.name"), Runtime.getRuntime().availableProcessors(),
                floors.redisVersion(), runs, dockerRuns, (System.nanoTime() - begin) / 1_000_000_000L));
        System.out.println(markdown);
        if (!docs.isBlank()) {
            Table.writeInto(Paths.get(docs), markdown);
            System.out.println("Written into " + docs);
        }
    }

    private void readyTimes(Backend backend, int count, double floorMillis) {
        ClusterSpec spec = SHAPE.toBuilder().backend(backend).startTimeout(Duration.ofSeconds(90)).build();
        Stats drill = Stats.of(times(count, () -> start(spec, StartupStyle.DRILL)));
        Stats stock = Stats.of(times(count, () -> start(spec, StartupStyle.STOCK)));
        String what = "ready, 1 + 2 + 3, " + backend;
        table.row(what + ", Sentinel Drill", drill, floorMillis, "one node started and answering");
        table.row(what + ", stock setup", stock, floorMillis, "one node started and answering");
        table.ratio(what + ": stock / Sentinel Drill", stock.p50() / drill.p50());
    }

    private static Topology start(ClusterSpec spec, StartupStyle style) {
        return spec.backend() == Backend.LOCAL ? LocalTopology.start(spec, style) : DockerTopology.start(spec, style);
    }

    /** Starts and closes a topology {@code count} times after one warm-up; the times to ready, in ms. */
    private static List<Double> times(int count, Supplier<Topology> start) {
        start.get().close();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long begin = System.nanoTime();
            Topology topology = start.get();
            millis.add((System.nanoTime() - begin) / 1e6);
            topology.close();
        }
        return millis;
    }

    private void failovers() {
        ClusterSpec defaults = SHAPE.toBuilder().backend(Backend.LOCAL).build();
        List<FailoverReport> library = drills(defaults, WriteLoad.everyMillis(10), runs);
        List<FailoverReport> sentinelDefaults = drills(defaults.toBuilder().downAfter(SENTINEL_DEFAULT_DOWN_AFTER)
                .failoverTimeout(SENTINEL_DEFAULT_FAILOVER_TIMEOUT).build(), WriteLoad.everyMillis(10), runs);
        List<FailoverReport> lettuceDefaults;
        try (SentinelCluster cluster = SentinelCluster.start(defaults)) {
            lettuceDefaults = lettuceWithDefaultBackoff(cluster);
        }
        double floor = defaults.downAfter().toMillis();
        double sentinelFloor = SENTINEL_DEFAULT_DOWN_AFTER.toMillis();
        String why = "down-after: no sentinel may call the master down sooner";
        Stats libraryFailover = Stats.of(library, FailoverReport::failoverTimeIfAny);
        Stats sentinelFailover = Stats.of(sentinelDefaults, FailoverReport::failoverTimeIfAny);
        Stats lettuceFailover = Stats.of(lettuceDefaults, FailoverReport::failoverTimeIfAny);
        table.row("killMaster to new master, library defaults (down-after 1 s)", libraryFailover, floor, why);
        table.row("killMaster to new master, Sentinel's default down-after (30 s)", sentinelFailover, sentinelFloor,
                why);
        table.ratio("to new master: Sentinel's defaults / library defaults",
                sentinelFailover.p50() / libraryFailover.p50());
        String afterFailover = "the failover: no client can write to a new master before it is promoted";
        table.row("client recovery, library defaults (built-in writer)",
                Stats.of(library, FailoverReport::clientRecoveryTimeIfAny), libraryFailover.p50(), afterFailover);
        table.row("client recovery, Sentinel's default down-after",
                Stats.of(sentinelDefaults, FailoverReport::clientRecoveryTimeIfAny), sentinelFailover.p50(),
                afterFailover);
        table.row("client recovery, Lettuce's default reconnect backoff (drills where a write failed)",
                Stats.of(lettuceDefaults, FailoverReport::clientRecoveryTimeIfAny), lettuceFailover.p50(),
                afterFailover);
        Stats libraryOutage = Stats.of(library, r -> Optional.of(r.writeOutage()));
        Stats sentinelOutage = Stats.of(sentinelDefaults, r -> Optional.of(r.writeOutage()));
        Stats lettuceOutage = Stats.of(lettuceDefaults, r -> Optional.of(r.writeOutage()));
        String noAck = "the failover: the old master is gone, the new one not yet promoted";
        table.row("write outage, library defaults (built-in writer)", libraryOutage, libraryFailover.p50(), noAck);
        table.row("write outage, Sentinel's default down-after", sentinelOutage, sentinelFailover.p50(), noAck);
        table.row("write outage, Lettuce's default reconnect backoff", lettuceOutage, lettuceFailover.p50(), noAck);
        table.ratio("write outage: Sentinel's defaults / library defaults", sentinelOutage.p50() / libraryOutage.p50());
        table.ratio("write outage: Lettuce's default backoff / built-in writer",
                lettuceOutage.p50() / libraryOutage.p50());
    }

    private static List<FailoverReport> drills(ClusterSpec spec, WriteLoad load, int count) {
        List<FailoverReport> reports = new ArrayList<>();
        try (SentinelCluster cluster = SentinelCluster.start(spec)) {
            Duration timeout = spec.downAfter().multipliedBy(2).plusSeconds(30);
            for (int i = 0; i < count; i++) {
                reports.add(cluster.drill().load(load).fault(Faults.killMaster()).timeout(timeout).run());
            }
        }
        return reports;
    }

    /**
     * killMaster under a plain Lettuce connection through the sentinels, with every option at its default: commands
     * wait in a queue while it reconnects, and it reconnects after exponentially growing delays (up to 30 s).
     */
    private List<FailoverReport> lettuceWithDefaultBackoff(SentinelCluster cluster) {
        RedisClient client = RedisClient.create(cluster.clientResources(), cluster.sentinelUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String prefix = "lettuce-defaults:" + System.nanoTime() + ":";
            WriteLoad load = WriteLoad.custom(
                            sequence -> connection.sync().set(prefix + sequence, "1"),
                            sequence -> {
                                try (StatefulRedisConnection<String, String> check = client.connect()) {
                                    return check.sync().exists(prefix + sequence) == 1;
                                }
                            })
                    .every(Duration.ofMillis(10));
            List<FailoverReport> reports = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                reports.add(cluster.drill().load(load).fault(Faults.killMaster()).timeout(Duration.ofSeconds(60))
                        .run());
            }
            return reports;
        } finally {
            client.shutdown();
        }
    }

    private void drillsAndMemory(SentinelCluster cluster) {
        List<Double> wall = new ArrayList<>();
        List<Double> reset = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long begin = System.nanoTime();
            cluster.drill().load(WriteLoad.everyMillis(10)).fault(Faults.killMaster()).run();
            wall.add((System.nanoTime() - begin) / 1e6);
            try (InjectedFault killed = cluster.inject(Faults.killMaster())) {
                cluster.awaitFailover();
            }
            long resetBegin = System.nanoTime();
            cluster.reset();
            reset.add((System.nanoTime() - resetBegin) / 1e6);
        }
        table.row("killMaster drill, end to end (warm-up 1 s, reset, verification)", Stats.of(wall),
                1000 + cluster.spec().downAfter().toMillis(),
                "warm-up + the failover's floor (down-after)");
        table.row("reset() after a killMaster failover", Stats.of(reset), Double.NaN, "");
        FailoverReport held = cluster.drill().load(WriteLoad.everyMillis(10)).fault(Faults.killMaster()).run();
        String what = String.format(Locale.ROOT, "heap held by a drill's report (%d writes, %d events)",
                held.attemptedWrites(), held.timeline().size());
        long withReport = usedHeapAfterGc();
        held = null;
        long withoutReport = usedHeapAfterGc();
        table.value(what, (withReport - withoutReport) / 1024.0, "KiB");
        table.value("resident memory of the 6 nodes (LOCAL, after the drills)", Floors.residentKib(cluster.id()),
                "KiB");
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void writer(SentinelCluster cluster) {
        DrillBenchmark.WriterFigures writer = DrillBenchmark.writerThroughput(cluster, Duration.ofMillis(1),
                Duration.ofSeconds(5));
        table.value("built-in writer, one write due every 1 ms: writes per second", writer.perSecond(), "/s");
        table.row("built-in writer: scheduling lag (due to sent)", Stats.of(writer.lagMillis()), Double.NaN, "");
        table.row("built-in writer: write latency (sent to acknowledged)", Stats.of(writer.latencyMillis()),
                Double.NaN, "");
        table.value("built-in writer: ticks skipped", writer.skippedPercent(), "%");
    }

    private static boolean dockerAvailable() {
        return DockerEngine.isAvailable();
    }

    private ComparisonBenchmark() {
    }

    /** The table the run prints, and the page section it writes. */
    static final class Table {
        static final String START = "<!-- comparison:start -->";
        static final String END = "<!-- comparison:end -->";
        private final List<String> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        void row(String what, Stats stats, double floor, String floorIs) {
            rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s |", what, stats,
                    Double.isNaN(floor) ? "-" : String.format(Locale.ROOT, "%.0f ms: %s", floor, floorIs),
                    Double.isNaN(floor) ? "-" : String.format(Locale.ROOT, "%.2f", stats.p50() / floor)));
            System.out.println(rows.get(rows.size() - 1));
        }

        void ratio(String what, double ratio) {
            rows.add(String.format(Locale.ROOT, "| **%s** | **%.1f x** (p50) | | |", what, ratio));
            System.out.println(rows.get(rows.size() - 1));
        }

        void value(String what, double value, String unit) {
            rows.add(String.format(Locale.ROOT, "| %s | %.1f %s | | |", what, value, unit));
            System.out.println(rows.get(rows.size() - 1));
        }

        void note(String note) {
            notes.add(note);
        }

        String markdown(String caption) {
            StringBuilder out = new StringBuilder(caption).append("\n\n");
            out.append("| figure | p50 / p95 / max | floor | p50 / floor |\n|---|---|---|---|\n");
            rows.forEach(row -> out.append(row).append('\n'));
            notes.forEach(note -> out.append("\n").append(note).append('\n'));
            return out.toString();
        }

        /** Replaces what lies between the markers in {@code page}. */
        static void writeInto(Path page, String markdown) throws IOException {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            int start = text.indexOf(START);
            int end = text.indexOf(END);
            if (start < 0 || end < start) {
                throw new IOException(page + " has no " + START + " ... " + END + " section");
            }
            Files.writeString(page, text.substring(0, start + START.length()) + "\n" + markdown + text.substring(end),
                    StandardCharsets.UTF_8);
        }
    }
}
