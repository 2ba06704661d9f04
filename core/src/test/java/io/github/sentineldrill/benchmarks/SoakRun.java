package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.assertj.DrillAssertions;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.Faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The soak run: many drills of every fault, one after another on one topology (1 master + 2 replicas + 3 sentinels,
 * quorum 2, down-after 1000 ms, the built-in writer every 10 ms), each checked against the bounds docs/benchmarks.md
 * documents (soak run). Freezes and partitions last 5 s: long enough for the sentinels to fail over, which takes
 * down-after plus about 2 s. Prints, per fault, the pass rate and p50/p95/max of the failover and client recovery
 * times, and every failure with its summary and timeline. Exits with status 1 if any drill failed.
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl core exec:java -Pbenchmark -Dbenchmark=SoakRun
 *     [-Dsoak.killMaster=50] [-Dsoak.each=20] [-Dbenchmark.backend=LOCAL|DOCKER]
 * </pre>
 */
public final class SoakRun {

    /** The bounds every master fault that fails over must meet (the ones the test suite uses). */
    static final Duration FAILOVER_BOUND = Duration.ofSeconds(5);
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(6);

    public static void main(String[] args) {
        int killMasterRuns = Integer.getInteger("soak.killMaster", 50);
        int eachRuns = Integer.getInteger("soak.each", 20);
        Backend backend = Backend.valueOf(System.getProperty("benchmark.backend", "LOCAL"));
        Map<Fault, Integer> plan = new LinkedHashMap<>();
        plan.put(Faults.killMaster(), killMasterRuns);
        plan.put(Faults.stopMaster(), eachRuns);
        plan.put(Faults.freezeMaster(Duration.ofSeconds(5)), eachRuns);
        plan.put(Faults.partitionMaster(Duration.ofSeconds(5)), eachRuns);
        plan.put(Faults.restartMaster(), eachRuns);
        plan.put(Faults.manualFailover(), eachRuns);
        plan.put(Faults.killReplica(0), eachRuns);
        plan.put(Faults.killSentinels(1), eachRuns);
        ClusterSpec spec = ClusterSpec.builder().backend(backend).replicas(2).sentinels(3).quorum(2)
                .downAfter(Duration.ofMillis(1000)).build();
        List<String> failures = new ArrayList<>();
        List<String> table = new ArrayList<>();
        long begin = System.nanoTime();
        try (SentinelCluster cluster = SentinelCluster.start(spec)) {
            System.out.printf(Locale.ROOT, "Soak run on %s%n", cluster);
            for (Map.Entry<Fault, Integer> entry : plan.entrySet()) {
                table.add(soak(cluster, entry.getKey(), entry.getValue(), failures));
            }
        }
        System.out.printf(Locale.ROOT, "%nSoak run: %d drills in %d s; bounds: failover <= %d ms and client recovery"
                        + " <= %d ms where the sentinels fail over, recovery <= %d ms and no failover otherwise%n",
                plan.values().stream().mapToInt(Integer::intValue).sum(), (System.nanoTime() - begin) / 1_000_000_000L,
                FAILOVER_BOUND.toMillis(), RECOVERY_BOUND.toMillis(), RECOVERY_BOUND.toMillis());
        System.out.println("| fault | drills | passed | failover p50 / p95 / max (ms) | client recovery p50 / p95 / max"
                + " (ms) | lost writes (total) |");
        System.out.println("|---|---|---|---|---|---|");
        table.forEach(System.out::println);
        if (!failures.isEmpty()) {
            System.out.printf("%n%d drills failed:%n", failures.size());
            failures.forEach(System.out::println);
            System.exit(1);
        }
    }

    private static String soak(SentinelCluster cluster, Fault fault, int runs, List<String> failures) {
        List<Double> failover = new ArrayList<>();
        List<Double> recovery = new ArrayList<>();
        long lost = 0;
        int passed = 0;
        for (int i = 1; i <= runs; i++) {
            try {
                FailoverReport report = cluster.drill().load(WriteLoad.everyMillis(10)).fault(fault).run();
                lost += report.lostWrites();
                report.failoverTimeIfAny().ifPresent(time -> failover.add(time.toNanos() / 1e6));
                report.clientRecoveryTimeIfAny().ifPresent(time -> recovery.add(time.toNanos() / 1e6));
                check(fault, report);
                passed++;
            } catch (RuntimeException | AssertionError e) {
                failures.add(String.format(Locale.ROOT, "--- %s, drill %d of %d:%n%s", fault, i, runs, e));
                cluster.reset();
            }
        }
        return String.format(Locale.ROOT, "| %s | %d | %d (%.0f %%) | %s | %s | %d |", fault, runs, passed,
                100.0 * passed / runs, figures(failover), figures(recovery), lost);
    }

    /** The documented default bounds: see docs/benchmarks.md (soak run). */
    static void check(Fault fault, FailoverReport report) {
        boolean failsOver = switch (fault.kind()) {
            case KILL_MASTER, STOP_MASTER, FREEZE_MASTER, PARTITION_MASTER, MANUAL_FAILOVER -> true;
            case RESTART_MASTER, KILL_REPLICA, KILL_SENTINELS -> false;
        };
        if (failsOver) {
            DrillAssertions.assertThat(report).failedOverWithin(FAILOVER_BOUND).recoveredWithin(RECOVERY_BOUND);
        } else if (fault.kind() == Fault.Kind.RESTART_MASTER) {
            // Restarted within down-after, the master may or may not be failed over: only the client's recovery counts.
            DrillAssertions.assertThat(report).recoveredWithin(RECOVERY_BOUND);
        } else {
            DrillAssertions.assertThat(report).didNotFailOver().recoveredWithin(RECOVERY_BOUND).hasNoLostWrites();
        }
    }

    private static String figures(List<Double> millis) {
        if (millis.isEmpty()) {
            return "-";
        }
        List<Double> sorted = millis.stream().sorted().toList();
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f (%d)", StartupBenchmark.percentile(sorted, 50),
                StartupBenchmark.percentile(sorted, 95), sorted.get(sorted.size() - 1), sorted.size());
    }

    private SoakRun() {
    }
}
