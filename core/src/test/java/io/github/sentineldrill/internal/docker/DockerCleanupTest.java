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

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
