package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ShardedCluster;
import io.github.sentineldrill.ShardedClusterSpec;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.internal.docker.DockerEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Redis Cluster topologies side by side, in one run: how fast Sentinel Drill's 3 shards of 1 master + 1 replica are
 * ready and fail over, against a cluster made the usual way ({@link RedisCliCluster}), and beside the floor (one node
 * started, plus Redis's 2 s writable delay for masters). Prints Markdown and writes it into docs/benchmarks.md and
 * docs/redis-cluster.md (sections {@code cluster-ready} and {@code cluster-failover}).
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl core exec:java -Pbenchmark -Dbenchmark=ClusterBenchmark \
 *     [-Dbenchmark.runs=10] [-Dbenchmark.dockerRuns=5]
 * </pre>
 */
public final class ClusterBenchmark {

    static final String COMMAND = "mvn -pl core exec:java -Pbenchmark -Dbenchmark=ClusterBenchmark";
    /** Redis's CLUSTER_WRITABLE_DELAY: a master calls the cluster ok no sooner after it starts. */
    private static final double WRITABLE_DELAY_MILLIS = 2000;
    private static final ShardedClusterSpec SHAPE = ShardedClusterSpec.builder().shards(3).replicasPerShard(1)
            .nodeTimeout(Duration.ofMillis(1000)).build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final int runs = Integer.getInteger("benchmark.runs", 10);
    private final int dockerRuns = Integer.getInteger("benchmark.dockerRuns", 5);

    public static void main(String[] args) throws Exception {
        new ClusterBenchmark().run();
    }

    private void run() throws Exception {
        boolean docker = DockerEngine.isAvailable();
        String caption = Machine.caption(COMMAND) + "\n\n";
        SentinelBenchmark.Table ready = new SentinelBenchmark.Table();
        Stats node = Stats.of(Floors.oneProcess(runs));
        ready.section("Ready: 3 shards of 1 master + 1 replica, node-timeout 1000 ms");
        Stats local = Stats.of(starts(Backend.LOCAL, runs));
        ready.row("Sentinel Drill, LOCAL", local, String.format(Locale.ROOT, "`ShardedCluster.start` returned;"
                + " %.0f ms above the floor", local.p50() - node.p50() - WRITABLE_DELAY_MILLIS));
        if (docker) {
            ready.row("Sentinel Drill, DOCKER", Stats.of(starts(Backend.DOCKER, dockerRuns)),
                    "`ShardedCluster.start` returned");
            Stats engine = Stats.of(Floors.containersAtOnce(6, dockerRuns));
            ready.row("the DOCKER floor: 6 `docker run -d` at once, + 2000 ms writable delay",
                    plusWritableDelay(engine), "the engine starting the containers");
            Stats asked = Stats.of(Floors.containersAtOnce(6, dockerRuns, 2));
            ready.row("the same on a network of their own, 2 loopback ports published each (port and bus port)",
                    plusWritableDelay(asked), "what a topology asks of the engine");
        }
        ready.row("`redis-cli --cluster create` (redis-server on the PATH)", Stats.of(redisCliReady(runs)),
                "from the first process started to ready by the same definition");
        ready.row("the floor: one `redis-server` answering PING, + 2000 ms writable delay", new Stats(
                node.p50() + WRITABLE_DELAY_MILLIS, node.p95() + WRITABLE_DELAY_MILLIS,
                node.max() + WRITABLE_DELAY_MILLIS, node.count()), "Redis's `CLUSTER_WRITABLE_DELAY`, masters only");

        SentinelBenchmark.Table failover = new SentinelBenchmark.Table();
        failover.section("killMaster (SIGKILL) of shard 0's master, node-timeout 1000 ms");
        List<FailoverReport> drills = drills(Backend.LOCAL, runs);
        failover.row("Sentinel Drill, LOCAL: detection time", Stats.of(drills, FailoverReport::detectionTimeIfAny),
                "first node marking the master FAIL");
        failover.row("Sentinel Drill, LOCAL: failover time", Stats.of(drills, FailoverReport::failoverTimeIfAny),
                "the replica serving the shard's slots");
        failover.row("Sentinel Drill, LOCAL: client recovery time", Stats.of(drills,
                FailoverReport::clientRecoveryTimeIfAny), "the built-in writer acknowledged again");
        if (docker) {
            List<FailoverReport> onDocker = drills(Backend.DOCKER, dockerRuns);
            failover.row("Sentinel Drill, DOCKER: failover time", Stats.of(onDocker,
                    FailoverReport::failoverTimeIfAny), "");
            failover.row("Sentinel Drill, DOCKER: client recovery time", Stats.of(onDocker,
                    FailoverReport::clientRecoveryTimeIfAny), "");
        }
        failover.row("`redis-cli --cluster create` cluster", Stats.of(redisCliFailovers(runs)),
                "another master serving slot 0, polled every 5 ms");

        System.out.println(caption + ready.markdown() + "\n" + failover.markdown());
        for (String page : List.of("docs/benchmarks.md", "docs/redis-cluster.md")) {
            DocsPage.write(page, "cluster-ready", caption + ready.markdown());
            DocsPage.write(page, "cluster-failover", caption + failover.markdown());
        }
    }

    private static Stats plusWritableDelay(Stats engine) {
        return new Stats(engine.p50() + WRITABLE_DELAY_MILLIS, engine.p95() + WRITABLE_DELAY_MILLIS,
                engine.max() + WRITABLE_DELAY_MILLIS, engine.count());
    }

    private static List<Double> starts(Backend backend, int count) {
        ShardedClusterSpec spec = SHAPE.toBuilder().backend(backend).startTimeout(WAIT).build();
        ShardedCluster.start(spec).close();      // warm-up
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long begin = System.nanoTime();
            try (ShardedCluster cluster = ShardedCluster.start(spec)) {
                millis.add((System.nanoTime() - begin) / 1e6);
            }
        }
        return millis;
    }

    private static List<FailoverReport> drills(Backend backend, int count) {
        List<FailoverReport> reports = new ArrayList<>();
        try (ShardedCluster cluster = ShardedCluster.start(SHAPE.toBuilder().backend(backend).build())) {
            for (int i = 0; i < count; i++) {
                reports.add(cluster.drill().load(WriteLoad.everyMillis(10)).fault(Faults.killMaster())
                        .timeout(Duration.ofSeconds(30)).run());
            }
        }
        return reports;
    }

    private static List<Double> redisCliReady(int count) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            long begin = System.nanoTime();
            try (RedisCliCluster cluster = RedisCliCluster.create(1000)) {
                cluster.awaitReady(WAIT);
                if (i > 0) {
                    millis.add((System.nanoTime() - begin) / 1e6);
                }
            }
        }
        return millis;
    }

    private static List<Double> redisCliFailovers(int count) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (RedisCliCluster cluster = RedisCliCluster.create(1000)) {
                cluster.awaitReady(WAIT);
                millis.add(cluster.killMasterOfSlotZeroAndAwaitFailover(WAIT));
            }
        }
        return millis;
    }

    private ClusterBenchmark() {
    }
}
