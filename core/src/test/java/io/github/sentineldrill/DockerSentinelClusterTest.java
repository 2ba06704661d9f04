package io.github.sentineldrill;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.testcontainers.DockerClientFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The topology contract on the DOCKER backend; see {@link DockerRequirement} for machines without Docker. */
@ResourceLock(DockerRequirement.ENGINE)
class DockerSentinelClusterTest extends SentinelClusterContract {

    @Override
    Backend backend() {
        return Backend.DOCKER;
    }

    /** Nothing listens beyond what the test needs: with a local engine, published ports are bound to loopback. */
    @Test
    void publishedPortsAreBoundToLoopbackAndContainersCarryTheTopologyLabels() {
        try (SentinelCluster cluster = SentinelCluster.start(spec().replicas(1).sentinels(1).build())) {
            DockerClient docker = DockerClientFactory.instance().client();
            List<Container> containers = docker.listContainersCmd()
                    .withLabelFilter(Map.of("io.github.sentineldrill.owner", ownerOfThisJvm(docker)))
                    .exec().stream()
                    .filter(c -> cluster.id().equals(c.getLabels().get("io.github.sentineldrill.topology")))
                    .toList();

            assertThat(containers).extracting(c -> c.getLabels().get("io.github.sentineldrill.node"))
                    .containsExactlyInAnyOrder("redis-0", "redis-1", "sentinel-0");
            assertThat(containers).flatExtracting(c -> List.of(c.getPorts()))
                    .filteredOn(port -> port.getPublicPort() != null)
                    .isNotEmpty()
                    .allSatisfy(port -> assertThat(port.getIp()).isEqualTo("127.0.0.1"));
        }
    }

    private static String ownerOfThisJvm(DockerClient docker) {
        return docker.listContainersCmd().withLabelFilter(List.of("io.github.sentineldrill.owner")).exec().stream()
                .map(c -> c.getLabels().get("io.github.sentineldrill.owner"))
                .filter(owner -> owner.contains("/" + ProcessHandle.current().pid() + "/"))
                .findFirst().orElseThrow();
    }

    /**
     * Inside the network a data node is known by its relay on the network's gateway; only the mapped client resources
     * reach the node itself, on its loopback port.
     */
    @Test
    void sentinelsHandOutRelayAddressesThatTheClientResourcesMapToPublishedPorts() {
        try (SentinelCluster cluster = SentinelCluster.start(spec().replicas(1).sentinels(1).build())) {
            NodeAddress announced = cluster.master().address();
            assertThat(announced.host()).matches("\\d+\\.\\d+\\.\\d+\\.1").isNotEqualTo("127.0.0.1");
            NodeAddress mapped = cluster.addressMapper().map(announced.host(), announced.port());
            assertThat(mapped).isEqualTo(NodeAddress.of("127.0.0.1", cluster.master().uri().getPort()));
            assertThat(mapped).isNotEqualTo(announced);
            RedisClient client = RedisClient.create(cluster.clientResources(), cluster.sentinelUri());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                assertThat(connection.sync().set("mapped", "yes")).isEqualTo("OK");
            } finally {
                client.shutdown();
            }
        }
    }
}
