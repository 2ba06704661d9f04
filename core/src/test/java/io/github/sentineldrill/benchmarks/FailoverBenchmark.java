package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.RedisNode;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.fault.InjectedFault;
import io.github.sentineldrill.internal.RespConnection;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * killMaster on one topology (1 master + 2 replicas + 3 sentinels, quorum 2, down-after 1000 ms unless
 * {@code -Dbenchmark.downAfterMillis} says otherwise), many times over: the time from the SIGKILL to the first sentinel
 * answering {@code SENTINEL GET-MASTER-ADDR-BY-NAME} with a new address (polled every millisecond), to a quorum of
 * sentinels agreeing on it ({@code awaitFailover}), and the time {@code reset()} then takes. Prints p50 / p95 / max.
 *
 * <pre>
 * mvn -B -q -pl core test-compile exec:java -Pbenchmark -Dbenchmark=FailoverBenchmark [-Dbenchmark.runs=10]
 *     [-Dbenchmark.backend=LOCAL|DOCKER] [-Dbenchmark.downAfterMillis=1000] [-Dsentinel-drill.redis.binary=embedded]
 * </pre>
 */
public final class FailoverBenchmark {

    public static void main(String[] args) throws IOException {
        int runs = Integer.getInteger("benchmark.runs", 10);
        Backend backend = Backend.valueOf(System.getProperty("benchmark.backend", "LOCAL"));
        Duration downAfter = Duration.ofMillis(Long.getLong("benchmark.downAfterMillis", 1000));
        ClusterSpec spec = ClusterSpec.builder().backend(backend).replicas(2).sentinels(3).quorum(2)
                .downAfter(downAfter).build();
        List<Double> firstSentinel = new ArrayList<>();
        List<Double> quorum = new ArrayList<>();
        List<Double> reset = new ArrayList<>();
        String topology;
        try (SentinelCluster cluster = SentinelCluster.start(spec)) {
            topology = cluster.toString();
            RedisNode sentinel = cluster.sentinels().get(cluster.sentinels().size() - 1);
            for (int i = 0; i < runs; i++) {
                NodeAddress before = cluster.master().address();
                try (InjectedFault fault = cluster.inject(Faults.killMaster())) {
                    long injected = fault.injectedAtNanos();

                    awaitNewAddress(sentinel, before, injected + Duration.ofSeconds(60).toNanos());
                    firstSentinel.add((System.nanoTime() - injected) / 1e6);
                    cluster.awaitFailover();
                    quorum.add((System.nanoTime() - injected) / 1e6);
                }
                long resetBegin = System.nanoTime();
                cluster.reset();
                reset.add((System.nanoTime() - resetBegin) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "killMaster, %d runs, down-after %d ms, %s%n", runs, downAfter.toMillis(),
                topology);
        StartupBenchmark.print("new master (1st sentinel)", firstSentinel);
        StartupBenchmark.print("new master (quorum)", quorum);
        StartupBenchmark.print("reset()", reset);
    }

    /** Polls one sentinel (any sentinel's answer counts the same) until it names another master. */
    private static void awaitNewAddress(RedisNode sentinel, NodeAddress before, long deadlineNanos)
            throws IOException {
        NodeAddress reachable = NodeAddress.of(sentinel.uri().getHost(), sentinel.uri().getPort());
        try (RespConnection connection = RespConnection.open(reachable, Duration.ofSeconds(2))) {
            while (System.nanoTime() < deadlineNanos) {
                List<?> hostPort = (List<?>) connection.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster");
                if (!before.equals(NodeAddress.of(String.valueOf(hostPort.get(0)),
                        Integer.parseInt(String.valueOf(hostPort.get(1)))))) {
                    return;
                }
                LockSupport.parkNanos(1_000_000);
            }
        }
        throw new IllegalStateException("no new master within 60 s");
    }

    private FailoverBenchmark() {
    }
}
