package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.RedisTopology;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.ShardedCluster;
import io.github.sentineldrill.ShardedClusterSpec;
import io.github.sentineldrill.assertj.DrillAssertions;
import io.github.sentineldrill.assertj.FailoverReportAssert;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.Faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The soak run: many drills of every fault, one after another on one topology, each checked against the bounds
 * docs/benchmarks.md gives for it (section "Soak run"), under the built-in writer every 10 ms. A drill outside its
 * bounds is reported with its summary, the topology is reset, and the run goes on; the run exits with status 1 if any
 * drill was outside. Writes its table into docs/benchmarks.md (sections {@code soak-sentinel}, {@code soak-cluster}).
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl core exec:java -Pbenchmark -Dbenchmark=SoakRun \
 *     [-Dsoak.topology=sentinel|cluster|both] [-Dsoak.killMaster=50] [-Dsoak.each=20] [-Dbenchmark.backend=LOCAL]
 * </pre>
 */
public final class SoakRun {

    static final String COMMAND = "mvn -pl core exec:java -Pbenchmark -Dbenchmark=SoakRun";
    /** Longer than a failover (detection of 1 s, then the election), so that a freeze or a partition causes one. */
    private static final Duration HELD = Duration.ofSeconds(5);
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(5);
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(6);
    private static final Duration DRILL_TIMEOUT = Duration.ofSeconds(30);

    private final int killMasterRuns = Integer.getInteger("soak.killMaster", 50);
    private final int eachRuns = Integer.getInteger("soak.each", 20);
    private final Backend backend = Backend.valueOf(System.getProperty("benchmark.backend", "LOCAL"));
    private final List<String> failures = new ArrayList<>();
    /** The shape of the topology soaked, as its drills' reports give it. */
    private String shape = "?";

    /** Faults that fail the topology over: failed over within 5 s, the client recovered within 6 s. */
    private static void failsOver(FailoverReportAssert report) {
        report.failedOverWithin(FAILOVER_BOUND).recoveredWithin(RECOVERY_BOUND);
    }

    /** A master back at once, empty: the client recovered within 6 s; losses are the fault's point. */
    private static void clientRecovers(FailoverReportAssert report) {
        report.recoveredWithin(RECOVERY_BOUND);
    }

    /** Faults the topology rides out: no failover, the client recovered within 6 s, no write lost. */
    private static void ridesOut(FailoverReportAssert report) {
        report.didNotFailOver().recoveredWithin(RECOVERY_BOUND).hasNoLostWrites();
    }

    private static final String FAILS_OVER = "failover ≤ 5 s, recovery ≤ 6 s";
    private static final String CLIENT_RECOVERS = "recovery ≤ 6 s";
    private static final String RIDES_OUT = "no failover, recovery ≤ 6 s, no lost write";

    /** One line of the plan: a fault, how many drills of it, and the bounds each must meet. */
    private record Plan(Fault fault, int runs, String bounds, Consumer<FailoverReportAssert> check) {
    }

    public static void main(String[] args) {
        new SoakRun().run(System.getProperty("soak.topology", "both"));
    }

    private void run(String which) {
        if (!List.of("sentinel", "cluster", "both").contains(which)) {
            throw new IllegalArgumentException("soak.topology = " + which + "; allowed: sentinel, cluster, both");
        }
        if (!which.equals("cluster")) {
            soak("soak-sentinel", () -> SentinelCluster.start(ClusterSpec.builder().backend(backend).replicas(2)
                    .sentinels(3).quorum(2).downAfter(Duration.ofMillis(1000)).build()), List.of(
                    new Plan(Faults.killMaster(), killMasterRuns, FAILS_OVER, SoakRun::failsOver),
                    new Plan(Faults.stopMaster(), eachRuns, FAILS_OVER, SoakRun::failsOver),
                    new Plan(Faults.freezeMaster(HELD), eachRuns, FAILS_OVER, SoakRun::failsOver),
                    new Plan(Faults.partitionMaster(HELD), eachRuns, FAILS_OVER, SoakRun::failsOver),
                    new Plan(Faults.manualFailover(), eachRuns, FAILS_OVER, SoakRun::failsOver),
                    new Plan(Faults.restartMaster(), eachRuns, CLIENT_RECOVERS, SoakRun::clientRecovers),
                    new Plan(Faults.killReplica(0), eachRuns, RIDES_OUT, SoakRun::ridesOut),
                    new Plan(Faults.killSentinels(1), eachRuns, RIDES_OUT, SoakRun::ridesOut)));
        }
        if (!which.equals("sentinel")) {
            soak("soak-cluster", () -> ShardedCluster.start(ShardedClusterSpec.builder().backend(backend).shards(3)
                    .replicasPerShard(1).nodeTimeout(Duration.ofMillis(1000)).build()), List.of(
                    new Plan(Faults.killMaster(), killMasterRuns, FAILS_OVER, SoakRun::failsOver),
                    new Plan(Faults.killMaster().onShard(2), eachRuns, FAILS_OVER, SoakRun::failsOver),
                    new Plan(Faults.stopMaster(), eachRuns, FAILS_OVER, SoakRun::failsOver),
                    new Plan(Faults.freezeMaster(HELD), eachRuns, FAILS_OVER, SoakRun::failsOver),
                    new Plan(Faults.partitionMaster(HELD), eachRuns, FAILS_OVER, SoakRun::failsOver),
                    new Plan(Faults.manualFailover(), eachRuns, FAILS_OVER, SoakRun::failsOver),
                    new Plan(Faults.restartMaster(), eachRuns, CLIENT_RECOVERS, SoakRun::clientRecovers),
                    new Plan(Faults.killReplica(0), eachRuns, RIDES_OUT, SoakRun::ridesOut)));
        }
        if (!failures.isEmpty()) {
            System.out.printf(Locale.ROOT, "%n%d drills outside their bounds:%n", failures.size());
            failures.forEach(System.out::println);
            System.exit(1);
        }
    }

    private void soak(String section, Supplier<RedisTopology> start, List<Plan> plan) {
        StringBuilder table = new StringBuilder("| fault | drills | within bounds | bounds | failover | client recovery"
                + " | write outage | lost writes (all drills) |\n|---|---|---|---|---|---|---|---|\n");
        List<String> outside = new ArrayList<>();
        List<String> unverified = new ArrayList<>();
        int drills = 0;
        long begin = System.nanoTime();
        try (RedisTopology topology = start.get()) {
            for (Plan line : plan) {
                table.append(soak(topology, line, outside, unverified));
                drills += line.runs();
            }
        }
        long seconds = (System.nanoTime() - begin) / 1_000_000_000L;
        StringBuilder text = new StringBuilder(Machine.caption(command())).append("\n\n")
                .append(String.format(Locale.ROOT, "%d drills in %d s on %s (%s), %s.%n%n", drills, seconds, shape,
                        backend, outside.isEmpty() ? "every one within its bounds"
                                : outside.size() + " outside their bounds"))
                .append(table);
        list(text, "Outside their bounds", outside);
        list(text, "Writes not verified (their lost writes are not counted)", unverified);
        System.out.println(text);
        DocsPage.write("docs/benchmarks.md", section, text.toString());
    }

    private String soak(RedisTopology topology, Plan plan, List<String> outside, List<String> unverified) {
        List<FailoverReport> reports = new ArrayList<>();
        int within = 0;
        for (int drill = 1; drill <= plan.runs(); drill++) {
            try {
                FailoverReport report = topology.drill().load(WriteLoad.everyMillis(10)).fault(plan.fault())
                        .timeout(DRILL_TIMEOUT).run();
                reports.add(report);
                shape = report.topology().shape();
                if (!report.verified()) {
                    unverified.add(String.format(Locale.ROOT, "`%s`, drill %d of %d: %s", plan.fault(), drill,
                            plan.runs(), report.whyNotVerified()));
                }
                try {
                    plan.check().accept(DrillAssertions.assertThat(report));
                    within++;
                } catch (AssertionError e) {
                    record(outside, plan, drill, firstLine(e.getMessage()), report.summary());
                }
            } catch (RuntimeException e) {
                record(outside, plan, drill, e.toString(), "");
                topology.reset();
            }
        }
        long lost = reports.stream().mapToLong(r -> r.lostWritesIfVerified().orElse(0)).sum();
        long notVerified = reports.stream().filter(r -> !r.verified()).count();
        return String.format(Locale.ROOT, "| `%s` | %d | %d | %s | %s | %s | %s | %d%s |%n", plan.fault(),
                plan.runs(), within, plan.bounds(), Stats.of(reports, FailoverReport::failoverTimeIfAny),
                Stats.of(reports, FailoverReport::clientRecoveryTimeIfAny),
                Stats.of(reports, FailoverReport::writeOutageIfEnded), lost,
                notVerified == 0 ? "" : " (" + notVerified + " not verified, see below)");
    }

    private static void list(StringBuilder text, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            text.append('\n').append(title).append(":\n\n");
            lines.forEach(line -> text.append("- ").append(line).append('\n'));
        }
    }

    private void record(List<String> outside, Plan plan, int drill, String why, String summary) {
        outside.add(String.format(Locale.ROOT, "`%s`, drill %d of %d: %s", plan.fault(), drill, plan.runs(), why));
        failures.add(String.format(Locale.ROOT, "--- %s, drill %d of %d: %s%n%s", plan.fault(), drill, plan.runs(),
                why, summary));
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private String command() {
        StringBuilder command = new StringBuilder(COMMAND);
        for (String property : List.of("soak.topology", "soak.killMaster", "soak.each", "benchmark.backend")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.append(" -D").append(property).append('=').append(value);
            }
        }
        return command.toString();
    }

    private SoakRun() {
    }
}
