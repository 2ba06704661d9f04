package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.SentinelCluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Time from {@code SentinelCluster.start} to ready for a topology on LOCAL (or {@code -Dbenchmark.backend=DOCKER}) (1 master + 2 replicas + 3 sentinels unless
 * {@code -Dbenchmark.replicas} / {@code -Dbenchmark.sentinels} say otherwise), and the
 * time {@code close} takes, over many starts in one JVM. Prints p50 / p95 / max.
 *
 * <pre>
 * mvn -B -q -pl core test-compile exec:java -Pbenchmark -Dbenchmark=StartupBenchmark [-Dbenchmark.runs=30]
 *     [-Dbenchmark.backend=LOCAL|DOCKER] [-Dbenchmark.replicas=2] [-Dbenchmark.sentinels=3] [-Dsentinel-drill.redis.binary=embedded]
 * </pre>
 */
public final class StartupBenchmark {

    public static void main(String[] args) {
        int warmup = Integer.getInteger("benchmark.warmup", 3);
        int runs = Integer.getInteger("benchmark.runs", 30);
        String extra = System.getProperty("benchmark.redisConfig", "");
        int replicas = Integer.getInteger("benchmark.replicas", 2);
        int sentinels = Integer.getInteger("benchmark.sentinels", 3);
        Backend backend = Backend.valueOf(System.getProperty("benchmark.backend", "LOCAL"));
        ClusterSpec spec = ClusterSpec.builder().backend(backend).replicas(replicas).sentinels(sentinels)
                .redisConfig(extra.isBlank() ? List.of() : List.of(extra.split(";")))
                .build();
        List<Double> start = new ArrayList<>();
        List<Double> close = new ArrayList<>();
        String binary = "";
        for (int i = 0; i < warmup + runs; i++) {
            long t0 = System.nanoTime();
            SentinelCluster cluster = SentinelCluster.start(spec);
            long t1 = System.nanoTime();
            binary = cluster.toString();
            cluster.close();
            long t2 = System.nanoTime();
            if (i >= warmup) {
                start.add((t1 - t0) / 1e6);
                close.add((t2 - t1) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "%s 1+%d+%d topology, %d runs after %d warm-up, %s%n", backend, replicas,
                sentinels, runs, warmup, binary);
        print("start to ready", start);
        print("close", close);
    }

    static void print(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-16s p50 %7.1f ms   p95 %7.1f ms   max %7.1f ms   min %7.1f ms%n", what,
                percentile(sorted, 50), percentile(sorted, 95), sorted.get(sorted.size() - 1), sorted.get(0));
    }

    static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private StartupBenchmark() {
    }
}
