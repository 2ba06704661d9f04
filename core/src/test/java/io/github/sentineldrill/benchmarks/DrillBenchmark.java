package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.drill.WriteOutcome;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.internal.drill.LettuceWriter;
import io.github.sentineldrill.internal.drill.SentinelEventRecorder;
import io.github.sentineldrill.internal.drill.WriteLoop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Two figures of drills on one topology (1 master + 2 replicas + 3 sentinels, quorum 2, down-after 1000 ms):
 * <ol>
 *   <li>the built-in writer at one write per millisecond for 5 s on a healthy topology: writes per second, scheduling
 *       lag (the time from a write's due time to its sending) and ticks skipped;</li>
 *   <li>the wall time of whole killMaster drills (warm-up 1 s, built-in writer every 10 ms), from {@code run()} to
 *       the report, including the reset and the verification.</li>
 * </ol>
 *
 * <pre>
 * mvn -B -q -pl core test-compile exec:java -Pbenchmark -Dbenchmark=DrillBenchmark [-Dbenchmark.runs=10]
 *     [-Dbenchmark.backend=LOCAL|DOCKER]
 * </pre>
 */
public final class DrillBenchmark {

    public static void main(String[] args) {
        int runs = Integer.getInteger("benchmark.runs", 10);
        Backend backend = Backend.valueOf(System.getProperty("benchmark.backend", "LOCAL"));
        ClusterSpec spec = ClusterSpec.builder().backend(backend).replicas(2).sentinels(3).quorum(2)
                .downAfter(Duration.ofMillis(1000)).build();
        try (SentinelCluster cluster = SentinelCluster.start(spec)) {
            writerThroughput(cluster, Duration.ofMillis(1), Duration.ofSeconds(5));
            List<Double> wall = new ArrayList<>();
            List<Double> failover = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long begin = System.nanoTime();
                FailoverReport report = cluster.drill().load(WriteLoad.everyMillis(10)).fault(Faults.killMaster())
                        .run();
                wall.add((System.nanoTime() - begin) / 1e6);
                failover.add(report.failoverTime().toNanos() / 1e6);
            }
            System.out.printf(Locale.ROOT, "killMaster drills, %d runs, %s%n", runs, cluster);
            StartupBenchmark.print("drill wall time", wall);
            StartupBenchmark.print("failover time", failover);
        }
    }

    /** What the built-in writer did on a healthy topology. */
    record WriterFigures(double perSecond, double skippedPercent, List<Double> lagMillis, List<Double> latencyMillis) {
    }

    static WriterFigures writerThroughput(SentinelCluster cluster, Duration period, Duration length) {
        List<WriteLoop.Attempt> attempts;
        try (SentinelEventRecorder events = SentinelEventRecorder.start(cluster);
             LettuceWriter writer = LettuceWriter.open(cluster, "benchmark", events)) {
            WriteLoop loop = new WriteLoop(writer, period, length);
            long begin = System.nanoTime();
            loop.start();
            // The loop stops by itself at its deadline; close() waits for that.
            try (loop) {
                while (System.nanoTime() - begin < length.toNanos()) {
                    LockSupport.parkNanos(10_000_000);
                }
            }
            attempts = loop.attempts();
        }
        long acknowledged = attempts.stream().filter(a -> a.outcome() == WriteOutcome.ACKNOWLEDGED).count();
        long due = length.toNanos() / period.toNanos();
        List<Double> lag = attempts.stream().map(a -> (a.sentNanos() - a.scheduledNanos()) / 1e6).toList();
        List<Double> latency = attempts.stream().map(a -> (a.completedNanos() - a.sentNanos()) / 1e6).toList();
        System.out.printf(Locale.ROOT, "built-in writer, one write every %d ms for %d s: %d writes (%.0f/s),"
                        + " %d acknowledged, %d of %d ticks skipped (%.2f %%)%n", period.toMillis(), length.toSeconds(),
                attempts.size(), attempts.size() / (length.toNanos() / 1e9), acknowledged, due - attempts.size(), due,
                100.0 * (due - attempts.size()) / due);
        StartupBenchmark.print("scheduling lag", lag);
        StartupBenchmark.print("write latency", latency);
        return new WriterFigures(attempts.size() / (length.toNanos() / 1e9), 100.0 * (due - attempts.size()) / due,
                lag, latency);
    }

    private DrillBenchmark() {
    }
}
