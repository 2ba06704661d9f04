package io.github.sentineldrill.internal.docker;

import com.github.dockerjava.api.DockerClient;
import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.DockerRequirement;
import io.github.sentineldrill.DrillInAnotherJvm;
import io.github.sentineldrill.ForkedJvm;
import io.github.sentineldrill.internal.TakenPort;
import io.github.sentineldrill.internal.runtime.BackendChoice;
import io.github.sentineldrill.internal.sentinel.SentinelTopology;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.testcontainers.DockerClientFactory;

import io.github.sentineldrill.internal.LoopbackPorts;
import io.github.sentineldrill.internal.node.NodeRole;
import io.github.sentineldrill.internal.runtime.BackendNode;
import io.github.sentineldrill.internal.runtime.NodePlan;

import java.io.IOException;
import java.util.Optional;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Nothing of a DOCKER topology is left behind: not after close, not after its JVM is killed. */
@ResourceLock(DockerRequirement.ENGINE)
class DockerCleanupTest {

    private static final BackendChoice DOCKER = new BackendChoice(Backend.DOCKER, "requested");
    private static final ClusterSpec SMALL =
            ClusterSpec.builder().backend(Backend.DOCKER).replicas(0).sentinels(1).build();

    @BeforeEach
    void requireDocker() {
        DockerRequirement.requireDocker();
    }

    @Test
    void closeRemovesEveryContainerAndTheNetwork() {
        SentinelTopology topology = SentinelTopology.start(SMALL, DOCKER);
        String id = topology.id();
        assertThat(containersOf(id)).hasSize(2);

        topology.close();

        assertThat(containersOf(id)).isEmpty();
        assertThat(networksOf(id)).isEmpty();
    }

    @Test
    void aPublishedPortTakenBetweenChoosingAndBindingIsRetriedWithFreshPorts() throws IOException {
        try (TakenPort taken = new TakenPort();
             SentinelTopology topology = SentinelTopology.start(SMALL, DOCKER, taken.inFirstList())) {
            assertThat(taken.listsHandedOut()).as("port lists handed out").isEqualTo(2);
            assertThat(topology.dataNodes()).extracting(node -> node.reachableAddress().port())
                    .doesNotContain(taken.port());
        }
    }

    @Test
    void aJvmKilledInTheMiddleOfADrillLeavesNoContainerAndNoNetworkBehind() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.start(DrillInAnotherJvm.class, List.of(Backend.DOCKER.name()))) {
            String id = jvm.readLine();
            assertThat(containersOf(id)).as("containers of the forked JVM's topology").hasSize(3);
            assertThat(jvm.readLine()).isEqualTo(DrillInAnotherJvm.FROZEN);

            jvm.kill();

            await("the watchdog removing the containers of a killed JVM").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> {
                        assertThat(containersOf(id)).isEmpty();
                        assertThat(networksOf(id)).isEmpty();
                    });
        }
    }

    @Test
    void aJvmKilledInTheMiddleOfAClusterDrillLeavesNoContainerAndNoNetworkBehind() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.start(DrillInAnotherJvm.class,
                List.of(Backend.DOCKER.name(), DrillInAnotherJvm.CLUSTER))) {
            String id = jvm.readLine();
            assertThat(containersOf(id)).as("containers of the forked JVM's cluster").hasSize(2);
            assertThat(jvm.readLine()).isEqualTo(DrillInAnotherJvm.FROZEN);

            jvm.kill();

            await("the watchdog removing the cluster's containers of a killed JVM").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> {
                        assertThat(containersOf(id)).isEmpty();
                        assertThat(networksOf(id)).isEmpty();
                    });
        }
    }

    /** A hung engine (its daemon stopped) must not hang close: it gives up in time and reports what is left. */
    @Test
    void aHungEngineDoesNotHangCloseWhichReportsThatNotEverythingIsGone() throws Exception {
        Optional<ProcessHandle> dockerd = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/dockerd")).orElse(false)).findFirst();
        assumeTrue(dockerd.isPresent(), "the Docker engine runs on another machine: it cannot be stopped from here");
        DockerBackend backend = (DockerBackend) DockerBackend.factory("", Duration.ofSeconds(30)).open("hung");
        List<BackendNode> nodes = backend.prepare(List.of(NodePlan.of("redis-0", NodeRole.DATA)), LoopbackPorts.FREE);
        backend.writeConfig(nodes.get(0), "port 6379\nsave \"\"\n");
        backend.start(nodes);
        String id = backend.id();
        signal(dockerd.get(), "STOP");
        long begin = System.nanoTime();
        boolean gone;
        try {
            gone = backend.close(Duration.ofSeconds(2));
        } finally {
            signal(dockerd.get(), "CONT");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
        assertThat(gone).as("everything gone, with the engine stopped").isFalse();

        await("close removing everything, once the engine answers again").atMost(Duration.ofSeconds(60))
                .until(() -> backend.close(Duration.ofSeconds(10)));
        assertThat(containersOf(id)).isEmpty();
        assertThat(networksOf(id)).isEmpty();
    }

    private static void signal(ProcessHandle process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", signal, String.valueOf(process.pid())).start();
        assertThat(kill.waitFor()).as("kill -s %s dockerd", signal).isZero();
    }

    private static List<String> containersOf(String topologyId) {
        return docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(DockerBackend.LABEL_PREFIX + "topology=" + topologyId)).exec().stream()
                .map(c -> c.getId()).toList();
    }

    private static List<String> networksOf(String topologyId) {
        return docker().listNetworksCmd()
                .withFilter("label", List.of(DockerBackend.LABEL_PREFIX + "topology=" + topologyId)).exec().stream()
                .map(n -> n.getId()).toList();
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }
}
