package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.fault.InjectedFault;
import io.github.sentineldrill.internal.runtime.BackendChoice;
import io.github.sentineldrill.internal.sentinel.SentinelTopology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@code reset()} spends its time after a killMaster failover, phase by phase: 1 master + 2 replicas + 3
 * sentinels, the killed master restarted, then the reset timed.
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl core exec:java -Pbenchmark -Dbenchmark=ResetBenchmark [-Dbenchmark.runs=10]
 * </pre>
 */
public final class ResetBenchmark {

    public static void main(String[] args) {
        int runs = Integer.getInteger("benchmark.runs", 10);
        Backend backend = Backend.valueOf(System.getProperty("benchmark.backend", "LOCAL"));
        System.out.println(measure(backend, runs).table());
    }

    /** The reset's total and its phases, over {@code runs} failovers. */
    record Result(Stats total, Map<String, Stats> phases) {
        String table() {
            StringBuilder out = new StringBuilder("| reset() after a killMaster failover | p50 / p95 / max (runs) |\n"
                    + "|---|---|\n| whole reset | " + total + " |\n");
            phases.forEach((phase, stats) -> out.append("| ").append(phase).append(" | ").append(stats).append(" |\n"));
            return out.toString();
        }
    }

    static Result measure(Backend backend, int runs) {
        ClusterSpec spec = ClusterSpec.builder().backend(backend).replicas(2).sentinels(3).quorum(2).build();
        List<Double> totals = new ArrayList<>();
        Map<String, List<Double>> phases = new LinkedHashMap<>();
        try (SentinelTopology topology = SentinelTopology.start(spec, new BackendChoice(backend, "requested"))) {
            for (int run = 0; run < runs; run++) {
                try (InjectedFault fault = topology.inject(Faults.killMaster())) {
                    topology.awaitFailover(Duration.ofSeconds(30));
                }
                long begin = System.nanoTime();
                topology.reset(Duration.ofSeconds(30));
                totals.add((System.nanoTime() - begin) / 1e6);
                topology.lastResetPhases().forEach((phase, took) ->
                        phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(took.toNanos() / 1e6));
            }
        }
        Map<String, Stats> phaseStats = new LinkedHashMap<>();
        phases.forEach((phase, values) -> phaseStats.put(phase, Stats.of(values)));
        return new Result(Stats.of(totals), phaseStats);
    }

    private ResetBenchmark() {
    }
}
