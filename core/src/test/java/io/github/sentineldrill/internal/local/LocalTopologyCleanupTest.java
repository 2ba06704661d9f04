package io.github.sentineldrill.internal.local;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.DrillInAnotherJvm;
import io.github.sentineldrill.ForkedJvm;
import io.github.sentineldrill.InvalidClusterSpecException;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.internal.TakenPort;
import io.github.sentineldrill.internal.runtime.BackendChoice;
import io.github.sentineldrill.internal.sentinel.SentinelTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Nothing of a LOCAL topology is left behind: not after close, not after its JVM is killed. Isolated from classes
 * running in parallel, as some tests compare every topology directory before and after.
 */
@Isolated
class LocalTopologyCleanupTest {

    private static final BackendChoice LOCAL = new BackendChoice(Backend.LOCAL, "requested");
    private final ClusterSpec small = ClusterSpec.builder().backend(Backend.LOCAL).replicas(1).sentinels(1).build();

    @Test
    void closeKillsEveryProcessAndRemovesTheDirectory() {
        SentinelTopology topology = SentinelTopology.start(small, LOCAL);
        Path dir = TopologyDirectory.base().resolve(topology.id());
        assertThat(processesOf(dir)).hasSize(3);

        topology.close();

        assertThat(dir).doesNotExist();
        assertThat(processesOf(dir)).isEmpty();
    }

    @Test
    void aJvmKilledInTheMiddleOfADrillLeavesNoProcessAndNoDirectoryBehind() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.start(DrillInAnotherJvm.class, List.of(Backend.LOCAL.name()),
                "-Dsentinel-drill.redis.binary=" + System.getProperty("sentinel-drill.redis.binary", ""))) {
            Path dir = TopologyDirectory.base().resolve(jvm.readLine());
            assertThat(processesOf(dir)).as("nodes of the forked JVM's topology").hasSize(3);
            assertThat(jvm.readLine()).isEqualTo(DrillInAnotherJvm.FROZEN);

            jvm.kill();

            await("the watchdog removing the topology of a killed JVM").atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> {
                        assertThat(processesOf(dir)).isEmpty();
                        assertThat(dir).doesNotExist();
                    });
        }
    }

    @Test
    void aJvmKilledInTheMiddleOfAClusterDrillLeavesNoProcessAndNoDirectoryBehind() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.start(DrillInAnotherJvm.class,
                List.of(Backend.LOCAL.name(), DrillInAnotherJvm.CLUSTER),
                "-Dsentinel-drill.redis.binary=" + System.getProperty("sentinel-drill.redis.binary", ""))) {
            Path dir = TopologyDirectory.base().resolve(jvm.readLine());
            assertThat(processesOf(dir)).as("nodes of the forked JVM's cluster").hasSize(2);
            assertThat(jvm.readLine()).isEqualTo(DrillInAnotherJvm.FROZEN);

            jvm.kill();

            await("the watchdog removing the cluster of a killed JVM").atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> {
                        assertThat(processesOf(dir)).isEmpty();
                        assertThat(dir).doesNotExist();
                    });
        }
    }

    @Test
    void aPortTakenBetweenChoosingAndBindingIsRetriedWithFreshPorts() throws IOException {
        try (TakenPort taken = new TakenPort();
             SentinelTopology topology = SentinelTopology.start(small, LOCAL, taken.inFirstList())) {
            assertThat(taken.listsHandedOut()).as("port lists handed out").isEqualTo(2);
            assertThat(topology.dataNodes()).extracting(node -> node.reachableAddress().port())
                    .doesNotContain(taken.port());
        }
    }

    @Test
    void noFreePortIsAClearErrorAfterAFewAttemptsAndLeavesNothingBehind() throws IOException {
        List<Path> before = topologyDirs();
        try (TakenPort taken = new TakenPort()) {
            assertThatThrownBy(() -> SentinelTopology.start(small, LOCAL, taken.inEveryList()))
                    .isInstanceOf(ClusterStartException.class)
                    .hasMessageContaining("could not bind port " + taken.port())
                    .hasMessageContaining("in 3 attempts with fresh ports");
        }
        assertThat(topologyDirs()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aStartThatFailsLeavesNothingBehind() throws IOException {
        ClusterSpec broken = small.toBuilder().redisConfig("no-such-directive yes").build();
        List<Path> before = topologyDirs();

        assertThatThrownBy(() -> SentinelCluster.start(broken))
                .isInstanceOf(ClusterStartException.class)
                .hasMessageContaining("exited while starting")
                .hasMessageContaining("no-such-directive");

        assertThat(topologyDirs()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aMissingExplicitBinaryIsRejectedBeforeAnythingStarts() throws IOException {
        List<Path> before = topologyDirs();

        assertThatThrownBy(() -> SentinelCluster.start(small.toBuilder().redisBinary("/nonexistent/redis").build()))
                .isInstanceOfSatisfying(InvalidClusterSpecException.class,
                        e -> assertThat(e.attribute()).isEqualTo("redisBinary"))
                .hasMessageContaining("redisBinary = \"/nonexistent/redis\"")
                .hasMessageContaining("executable redis-server");

        assertThat(topologyDirs()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void embeddedBinariesAreKnownForEachPlatformTheJarShips() {
        assertThat(RedisBinaryLocator.embeddedResourceNames("Linux", "amd64"))
                .containsExactly("redis-server-6.2.6-v5-linux-amd64");
        assertThat(RedisBinaryLocator.embeddedResourceNames("Linux", "aarch64"))
                .containsExactly("redis-server-6.2.7-linux-arm64");
        assertThat(RedisBinaryLocator.embeddedResourceNames("Mac OS X", "aarch64"))
                .containsExactly("redis-server-6.2.6-v5-darwin-arm64");
        assertThat(RedisBinaryLocator.embeddedResourceNames("Mac OS X", "x86_64"))
                .containsExactly("redis-server-6.2.6-v5-darwin-amd64");
        assertThat(RedisBinaryLocator.embeddedResourceNames("Windows 11", "amd64")).isEmpty();
    }

    @Test
    void theEmbeddedBinaryIsExtractedAndRuns() {
        RedisBinary binary = RedisBinaryLocator.locate("embedded");

        assertThat(binary.version()).startsWith("6.2.");
        assertThat(binary.source()).isEqualTo("embedded-redis jar");
        assertThat(Files.isExecutable(binary.path())).isTrue();
    }

    static List<ProcessHandle> processesOf(Path dir) {
        String marker = dir + "/";
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
    }

    static List<Path> topologyDirs() throws IOException {
        Path base = TopologyDirectory.base();
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (var dirs = Files.list(base)) {
            return dirs.toList();
        }
    }
}
