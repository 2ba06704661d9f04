package io.github.sentineldrill.internal.docker;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.DockerRequirement;
import io.github.sentineldrill.SentinelCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.testcontainers.DockerClientFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad Docker environments give a clear error, and leave nothing behind. */
@ResourceLock(DockerRequirement.ENGINE)
class DockerEnvironmentTest {

    @Test
    void anImageThatCannotBeFoundIsAClearErrorAndNothingIsCreated() {
        DockerRequirement.requireDocker();
        ClusterSpec spec = ClusterSpec.builder().backend(Backend.DOCKER).replicas(0).sentinels(1)
                .image("sentinel-drill/no-such-image:0").startTimeout(Duration.ofSeconds(10)).build();

        assertThatThrownBy(() -> SentinelCluster.start(spec))
                .isInstanceOf(ClusterStartException.class)
                .hasMessageContaining("Docker image sentinel-drill/no-such-image:0 is not available")
                .hasMessageContaining("build-local-redis-image.sh");

        assertThat(containersOfThisJvm()).isEmpty();
    }

    /** This class holds the engine alone (see {@link DockerRequirement#ENGINE}): no other topology of this JVM runs. */
    private static List<String> containersOfThisJvm() {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerTopology.LABEL_PREFIX + DockerLeftovers.OWNER_LABEL,
                        DockerLeftovers.owner()))
                .exec().stream().map(c -> c.getId()).toList();
    }
}
