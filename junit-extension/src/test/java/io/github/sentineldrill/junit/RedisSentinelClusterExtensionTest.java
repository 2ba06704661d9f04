package io.github.sentineldrill.junit;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.RedisNode;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.ShardedCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.assertj.DrillAssertions;
import io.github.sentineldrill.drill.Drill;
import io.github.sentineldrill.drill.WriteLoad;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import io.github.sentineldrill.fault.Faults;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * The extension as JUnit runs it: each fixture below is executed by the JUnit Platform's EngineTestKit, and what it
 * recorded (the injected topologies) is checked afterwards. Fixtures are nested classes so that only this test runs
 * them.
 */
class RedisSentinelClusterExtensionTest {

    /** What fixtures saw, in order; reset before each fixture run. */
    static final List<SentinelCluster> INJECTED = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forgetEarlierFixtures() {
        INJECTED.clear();
    }

    @Test
    void oneTopologyIsSharedByTheClassItsLifecycleMethodsAndItsNestedClassesThenClosed() {
        EngineExecutionResults results = run(SharedFixture.class);

        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
        assertThat(INJECTED).as("@BeforeAll, 3 x @BeforeEach, 3 x the test").hasSize(7);
        assertThat(INJECTED).allSatisfy(cluster -> assertThat(cluster).isSameAs(INJECTED.get(0)));
        assertClosed(INJECTED.get(0));
    }

    @Test
    void betweenMethodsOfASharedTopologyFaultsAreHealedAndTheShapeIsRestored() {
        EngineExecutionResults results = run(FaultLeftOpenFixture.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(FaultLeftOpenFixture.SEEN_BY_SECOND).containsExactly("replicas=2", "old master is a replica");
    }

    @Test
    void eachDrillLeavesReportFilesNamedAfterItsTestAndPublishesItsFigures(@TempDir Path reports) throws IOException {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("sentinel-drill.reports.dir", reports.toString())
                .selectors(selectClass(DrillFixture.class))
                .execute();

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        List<Map<String, String>> entries = results.testEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .toList();
        assertThat(entries).as("one report entry per drill").hasSize(2);
        assertThat(results.containerEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs()))
                .as("where the topology runs and why").singleElement().satisfies(entry -> assertThat(entry)
                        .containsEntry("sentinel-drill.backend", "LOCAL")
                        .containsEntry("sentinel-drill.backendChoice", "requested"));
        assertThat(entries.get(0)).containsEntry("sentinel-drill.fault", "manualFailover()")
                .containsKeys("sentinel-drill.failoverMs", "sentinel-drill.clientRecoveryMs",
                        "sentinel-drill.writeOutageMs", "sentinel-drill.writes")
                .containsEntry("sentinel-drill.backend", "LOCAL");
        assertThat(entries.get(0).get("sentinel-drill.report")).startsWith("file:///");
        Path classDirectory = reports.resolve(DrillFixture.class.getName().replace('$', '.'));
        assertThat(entries).extracting(entry -> entry.get("sentinel-drill.json")).containsExactly(
                classDirectory.resolve("runsTwoDrills.local.json").toUri().toString(),
                classDirectory.resolve("runsTwoDrills-2.local.json").toUri().toString());
        assertThat(classDirectory.resolve("runsTwoDrills.local.html")).isNotEmptyFile();
        assertThat(classDirectory.resolve("runsTwoDrills-2.local.html")).isNotEmptyFile();
        assertThat(Files.readString(classDirectory.resolve("runsTwoDrills.local.json")))
                .as("the bounds asserted on the first drill, after the drill, in its file")
                .contains("\"assertion\": \"failedOverWithin(10000 ms)\"", "\"assertion\": \"hasFailedWritesAtMost(10000)\"");
        assertThat(reports).isDirectoryNotContaining("glob:**/.index.lock");
        assertThat(Files.readString(reports.resolve("index.html")))
                .contains("runsTwoDrills", "runsTwoDrills-2");
    }

    @Test
    void aFailingTestCarriesTheNodesLogTailsAndItsDrillsTimelines(@TempDir Path reports) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("sentinel-drill.reports.dir", reports.toString())
                .selectors(selectClass(FailingDrillFixture.class))
                .execute();

        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        Throwable failure = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(failure).hasMessageContaining("the team's own check");
        assertThat(failure.getSuppressed()).singleElement().satisfies(diagnostics -> assertThat(
                diagnostics.getMessage()).contains(
                "--- redis-0 (127.0.0.1:", "--- redis-1 (", "--- sentinel-0 (", "last lines of its log:",
                "--- drill 1 of 1: manualFailover()", "+switch-master",
                "FailingDrillFixture/failsAfterItsDrill.local.html")
                .as("Redis log lines: pid, role, date").containsPattern("\\d+:[MSX] \\d+ \\w+ \\d{4} "));
    }

    @Test
    void perMethodLifecycleGivesEachTestMethodAFreshTopologyClosedAfterIt() {
        EngineExecutionResults results = run(PerMethodFixture.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(INJECTED).hasSize(4);
        assertThat(INJECTED.get(0)).as("@BeforeEach and its test share").isSameAs(INJECTED.get(1));
        assertThat(INJECTED.get(2)).isSameAs(INJECTED.get(3));
        assertThat(INJECTED.get(0)).as("each test has its own").isNotSameAs(INJECTED.get(2));
        INJECTED.forEach(RedisSentinelClusterExtensionTest::assertClosed);
    }

    @Test
    void attributesReachTheTopology() {
        EngineExecutionResults results = run(TunedFixture.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        SentinelCluster cluster = INJECTED.get(0);
        assertThat(cluster.masterName()).isEqualTo("orders");
        assertThat(cluster.dataNodes()).hasSize(2);
        assertThat(cluster.sentinels()).hasSize(1);
        assertThat(cluster.spec().downAfter()).isEqualTo(Duration.ofMillis(700));
        assertThat(cluster.spec().failoverTimeout()).isEqualTo(Duration.ofMillis(5000));
        assertThat(cluster.spec().redisConfig()).containsExactly("maxmemory-policy allkeys-lru");
        assertThat(cluster.backend()).isEqualTo(Backend.LOCAL);
    }

    @Test
    void theAnnotationIsInheritedFromASuperclass() {
        run(InheritingFixture.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(INJECTED.get(0).dataNodes()).hasSize(2);
    }

    @Test
    void theAnnotationWorksAsAMetaAnnotation() {
        run(MetaAnnotatedFixture.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(INJECTED.get(0).masterName()).isEqualTo("meta");
    }

    @Test
    void aSharedTopologyCanBeInjectedIntoTheConstructor() {
        run(ConstructorFixture.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(INJECTED).hasSize(2);
        assertThat(INJECTED.get(0)).isSameAs(INJECTED.get(1));
    }

    @Test
    void aPerMethodTopologyCannotBeInjectedIntoBeforeAll() {
        EngineExecutionResults results = run(PerMethodBeforeAllFixture.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(PerMethodBeforeAllFixture.class),
                finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message(m -> m.contains("lifecycle = PER_METHOD") && m.contains("@BeforeEach")))));
        assertThat(INJECTED).isEmpty();
    }

    @Test
    void aParameterWithoutTheAnnotationFailsWithAClearMessage() {
        EngineExecutionResults results = run(NotAnnotatedFixture.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("needsACluster"),
                finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message(m -> m.contains("annotated with @RedisSentinelCluster")))));
    }

    @Test
    void negativeReplicasFailTheClassNamingTheAttributeAndTheValue() {
        assertMisconfigured(NegativeReplicasFixture.class, "replicas = -1 is not allowed: 0 to 16");
    }

    @Test
    void zeroSentinelsFailTheClass() {
        assertMisconfigured(ZeroSentinelsFixture.class, "sentinels = 0 is not allowed: 1 to 16");
    }

    @Test
    void aQuorumAboveTheSentinelsFailsTheClass() {
        assertMisconfigured(QuorumAboveSentinelsFixture.class, "quorum = 4 is not allowed");
    }

    @Test
    void nonPositiveDurationsFailTheClassInMilliseconds() {
        assertMisconfigured(ZeroDownAfterFixture.class, "downAfterMillis = 0 is not allowed: at least 1 (milliseconds)");
        assertMisconfigured(NegativeFailoverTimeoutFixture.class, "failoverTimeoutMillis = -5 is not allowed");
    }

    @Test
    void aMissingBinaryFailsTheClassNamingThePath() {
        assertMisconfigured(MissingBinaryFixture.class,
                "redisBinary = \"/nonexistent/redis-server\" is not allowed: a path to an executable redis-server");
    }

    @Test
    void twoDeclarationsOnOneClassFailTheClassNamingBoth() {
        assertConfigurationFails(ConflictingFixture.class, "A topology annotation on " + ConflictingFixture.class.getName()
                + " is declared 2 times: @RedisSentinelCluster directly, @RedisSentinelCluster through @"
                + SmallMetaCluster.class.getName());
        assertConfigurationFails(BothKindsFixture.class, "is declared 2 times: @RedisSentinelCluster directly,"
                + " @RedisCluster directly");
    }

    @Test
    void aParameterOfTheOtherTopologyKindIsRefusedNamingBoth() {
        EngineExecutionResults results = run(WrongKindFixture.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("wantsACluster"),
                finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message(m -> m.contains("declares a SentinelCluster; declare the parameter as SentinelCluster"
                                + " or RedisTopology")))));
    }

    @Test
    void aRedisClusterWithoutShardsOrWithNegativeReplicasOrNoNodeTimeoutFailsTheClass() {
        assertMisconfigured(NoShardsFixture.class, "@RedisCluster", "shards = 0 is not allowed: 1 to 16");
        assertMisconfigured(NegativeShardReplicasFixture.class, "@RedisCluster",
                "replicasPerShard = -1 is not allowed: 0 to 5");
        assertMisconfigured(ZeroNodeTimeoutFixture.class, "@RedisCluster",
                "nodeTimeoutMillis = 0 is not allowed: at least 1 (milliseconds)");
    }

    @Test
    void aRedisClusterIsInjectedDrilledAndReportedAsASentinelTopologyIs(@TempDir Path reports) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("sentinel-drill.reports.dir", reports.toString())
                .selectors(selectClass(ShardedFixture.class))
                .execute();

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(results.testEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs()))
                .singleElement().satisfies(entry -> assertThat(entry)
                        .containsEntry("sentinel-drill.fault", "killMaster().onShard(1)")
                        .containsEntry("sentinel-drill.backend", "LOCAL"));
        assertThat(reports.resolve(ShardedFixture.class.getName().replace('$', '.')).resolve("drillsShard1.local.json"))
                .content().contains("\"kind\": \"REDIS_CLUSTER\"", "\"oldMaster\": \"redis-1\"");
        assertThat(ShardedFixture.SEEN).containsExactly("redis-0,redis-1,redis-2", "same");
    }

    @Test
    void diagnosticsOfAFailureNeverReplaceTheFailureWhateverTheTopologyCannotSay() {
        RedisNode broken = new RedisNode() {
            @Override
            public String name() {
                return "redis-0";
            }

            @Override
            public boolean isSentinel() {
                return false;
            }

            @Override
            public io.github.sentineldrill.NodeAddress address() {
                throw new IllegalStateException("no address");
            }

            @Override
            public io.github.sentineldrill.NodeAddress reachableAddress() {
                throw new IllegalStateException("its container publishes no port");
            }

            @Override
            public io.lettuce.core.RedisURI uri() {
                throw new IllegalStateException("its container publishes no port");
            }

            @Override
            public String logTail(int lines) {
                throw new IllegalStateException("the engine does not answer");
            }
        };

        FailureDiagnostics diagnostics = FailureDiagnostics.of("'mymaster' (DOCKER)", () -> List.of(broken), List.of());
        FailureDiagnostics unlisted = FailureDiagnostics.of("'mymaster' (DOCKER)", () -> {
            throw new IllegalStateException("topology 'mymaster' is closed");
        }, List.of());

        assertThat(diagnostics.getMessage()).contains("--- redis-0 (address unknown: its container publishes no port)",
                "(its log could not be read: java.lang.IllegalStateException: the engine does not answer)");
        assertThat(unlisted.getMessage()).contains("its nodes could not be listed", "is closed");
    }

    @Test
    void aManagedConfigDirectiveFailsTheClass() {
        assertMisconfigured(ManagedDirectiveFixture.class, "redisConfig = \"port 7000\" is not allowed");
    }

    private static void assertMisconfigured(Class<?> fixture, String expectedMessage) {
        assertMisconfigured(fixture, "@RedisSentinelCluster", expectedMessage);
    }

    private static void assertMisconfigured(Class<?> fixture, String annotation, String expectedMessage) {
        assertConfigurationFails(fixture, annotation + " on " + fixture.getName() + ": " + expectedMessage);
    }

    private static void assertConfigurationFails(Class<?> fixture, String expectedMessage) {
        EngineExecutionResults results = run(fixture);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(fixture),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains(expectedMessage)))));
        results.testEvents().assertStatistics(stats -> stats.started(0));
        assertThat(INJECTED).isEmpty();
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .execute();
        // A fixture class that fails before its methods shows up as "started 0"; keep its cause in the test's output.
        results.containerEvents().failed().stream()
                .flatMap(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().stream())
                .forEach(failure -> {
                    System.out.println("[fixture " + fixture.getSimpleName() + " failed] " + failure);
                    failure.printStackTrace(System.out);
                });
        return results;
    }

    static void assertClosed(SentinelCluster cluster) {
        assertThatThrownBy(() -> cluster.awaitHealthy(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        for (RedisNode node : cluster.dataNodes()) {
            assertThatThrownBy(() -> new Socket(node.uri().getHost(), node.uri().getPort()).close())
                    .as("%s of a closed topology", node.name())
                    .isInstanceOf(ConnectException.class);
        }
    }

    // ---- fixtures -------------------------------------------------------------------------------------------------

    /** The first method kills the master and leaves the fault open; the second must find the topology whole. */
    @RedisSentinelCluster(replicas = 2, sentinels = 3, backend = Backend.LOCAL)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class FaultLeftOpenFixture {
        static final List<String> SEEN_BY_SECOND = new CopyOnWriteArrayList<>();
        private static RedisNode killed;

        @Test
        @Order(1)
        void killsTheMasterAndLeavesItDown(SentinelCluster cluster) {
            SEEN_BY_SECOND.clear();
            killed = cluster.master();
            cluster.inject(Faults.killMaster());
            assertThat(cluster.awaitFailover()).isNotEqualTo(killed);
        }

        @Test
        @Order(2)
        void findsAHealthyTopologyOfTheDeclaredShape(SentinelCluster cluster) {
            cluster.awaitHealthy(Duration.ofMillis(1));
            SEEN_BY_SECOND.add("replicas=" + cluster.replicas().size());
            if (cluster.replicas().contains(killed)) {
                SEEN_BY_SECOND.add("old master is a replica");
            }
        }
    }

    @RedisSentinelCluster(replicas = 1, sentinels = 1, backend = Backend.LOCAL)
    static class FailingDrillFixture {

        @Test
        void failsAfterItsDrill(SentinelCluster cluster) {
            cluster.drill().load(WriteLoad.everyMillis(20)).fault(Faults.manualFailover()).run();
            throw new AssertionError("the team's own check");
        }
    }

    @RedisSentinelCluster(replicas = 1, sentinels = 1, backend = Backend.LOCAL)
    static class DrillFixture {

        @Test
        void runsTwoDrills(SentinelCluster cluster) {
            Drill drill = cluster.drill().load(WriteLoad.everyMillis(20)).fault(Faults.manualFailover());
            FailoverReport first = drill.run();
            DrillAssertions.assertThat(first).failedOverWithin(Duration.ofSeconds(10));
            drill.run();
            DrillAssertions.assertThat(first).hasFailedWritesAtMost(10_000);
        }
    }

    @RedisSentinelCluster(replicas = 1, sentinels = 1, backend = Backend.LOCAL)
    static class SharedFixture {

        @BeforeAll
        static void beforeAll(SentinelCluster cluster) {
            INJECTED.add(cluster);
        }

        @BeforeEach
        void beforeEach(SentinelCluster cluster) {
            INJECTED.add(cluster);
        }

        @Test
        void first(SentinelCluster cluster) {
            INJECTED.add(cluster);
            assertThat(cluster.master().name()).isEqualTo("redis-0");
        }

        @Test
        void second(SentinelCluster cluster) {
            INJECTED.add(cluster);
        }

        @Nested
        class Inner {
            @Test
            void nested(SentinelCluster cluster) {
                INJECTED.add(cluster);
            }
        }
    }

    @RedisSentinelCluster(replicas = 0, sentinels = 1, backend = Backend.LOCAL, lifecycle = ClusterLifecycle.PER_METHOD)
    static class PerMethodFixture {

        @BeforeEach
        void beforeEach(SentinelCluster cluster) {
            INJECTED.add(cluster);
        }

        @Test
        void first(SentinelCluster cluster) {
            INJECTED.add(cluster);
        }

        @Test
        void second(SentinelCluster cluster) {
            INJECTED.add(cluster);
        }
    }

    @RedisSentinelCluster(replicas = 1, sentinels = 1, masterName = "orders", downAfterMillis = 700,
            failoverTimeoutMillis = 5000, backend = Backend.LOCAL, redisConfig = "maxmemory-policy allkeys-lru")
    static class TunedFixture {
        @Test
        void tuned(SentinelCluster cluster) {
            INJECTED.add(cluster);
        }
    }

    @RedisSentinelCluster(replicas = 1, sentinels = 1, backend = Backend.LOCAL)
    abstract static class AnnotatedBase {
    }

    static class InheritingFixture extends AnnotatedBase {
        @Test
        void inherited(SentinelCluster cluster) {
            INJECTED.add(cluster);
        }
    }

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @RedisSentinelCluster(replicas = 0, sentinels = 1, masterName = "meta", backend = Backend.LOCAL)
    @interface SmallMetaCluster {
    }

    @RedisSentinelCluster(replicas = 1, sentinels = 1, backend = Backend.LOCAL)
    @SmallMetaCluster
    static class ConflictingFixture {
        @Test
        void never(SentinelCluster cluster) {
            INJECTED.add(cluster);
        }
    }

    @SmallMetaCluster
    static class MetaAnnotatedFixture {
        @Test
        void meta(SentinelCluster cluster) {
            INJECTED.add(cluster);
        }
    }

    @RedisSentinelCluster(replicas = 0, sentinels = 1, backend = Backend.LOCAL)
    @TestInstance(TestInstance.Lifecycle.PER_METHOD)
    static class ConstructorFixture {
        ConstructorFixture(SentinelCluster cluster) {
            INJECTED.add(cluster);
        }

        @Test
        void first() {
        }

        @Test
        void second() {
        }
    }

    @RedisSentinelCluster(replicas = 0, sentinels = 1, backend = Backend.LOCAL, lifecycle = ClusterLifecycle.PER_METHOD)
    static class PerMethodBeforeAllFixture {
        @BeforeAll
        static void beforeAll(SentinelCluster cluster) {
            INJECTED.add(cluster);
        }

        @Test
        void test() {
        }
    }

    @RedisCluster(shards = 3, replicasPerShard = 1, backend = Backend.LOCAL)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ShardedFixture {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();
        private static ShardedCluster first;

        @Test
        @Order(1)
        void drillsShard1(ShardedCluster cluster) {
            SEEN.clear();
            first = cluster;
            SEEN.add(String.join(",", cluster.shards().stream().map(s -> s.master().name()).toList()));
            FailoverReport report = cluster.drill().load(WriteLoad.everyMillis(10))
                    .fault(Faults.killMaster().onShard(1)).timeout(Duration.ofSeconds(20)).run();
            DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(5));
        }

        @Test
        @Order(2)
        void findsTheSameClusterWithItsFirstMasters(io.github.sentineldrill.RedisTopology topology) {
            SEEN.add(topology == first && ((ShardedCluster) topology).shards().get(1).master().name()
                    .equals("redis-1") ? "same" : "another");
        }
    }

    @RedisSentinelCluster(replicas = 0, sentinels = 1, backend = Backend.LOCAL)
    static class WrongKindFixture {
        @Test
        void wantsACluster(ShardedCluster cluster) {
        }
    }

    @RedisSentinelCluster(replicas = 0, sentinels = 1, backend = Backend.LOCAL)
    @RedisCluster(backend = Backend.LOCAL)
    static class BothKindsFixture {
        @Test
        void never() {
        }
    }

    @RedisCluster(shards = 0)
    static class NoShardsFixture {
        @Test
        void test() {
        }
    }

    @RedisCluster(replicasPerShard = -1)
    static class NegativeShardReplicasFixture {
        @Test
        void test() {
        }
    }

    @RedisCluster(nodeTimeoutMillis = 0)
    static class ZeroNodeTimeoutFixture {
        @Test
        void test() {
        }
    }

    @ExtendWith(RedisTopologyExtension.class)
    static class NotAnnotatedFixture {
        @Test
        void needsACluster(SentinelCluster cluster) {
            INJECTED.add(cluster);
        }
    }

    @RedisSentinelCluster(replicas = -1)
    static class NegativeReplicasFixture {
        @Test
        void test() {
        }
    }

    @RedisSentinelCluster(sentinels = 0)
    static class ZeroSentinelsFixture {
        @Test
        void test() {
        }
    }

    @RedisSentinelCluster(sentinels = 3, quorum = 4)
    static class QuorumAboveSentinelsFixture {
        @Test
        void test() {
        }
    }

    @RedisSentinelCluster(downAfterMillis = 0)
    static class ZeroDownAfterFixture {
        @Test
        void test() {
        }
    }

    @RedisSentinelCluster(failoverTimeoutMillis = -5)
    static class NegativeFailoverTimeoutFixture {
        @Test
        void test() {
        }
    }

    @RedisSentinelCluster(backend = Backend.LOCAL, redisBinary = "/nonexistent/redis-server")
    static class MissingBinaryFixture {
        @Test
        void test() {
        }
    }

    @RedisSentinelCluster(redisConfig = "port 7000")
    static class ManagedDirectiveFixture {
        @Test
        void test() {
        }
    }
}
