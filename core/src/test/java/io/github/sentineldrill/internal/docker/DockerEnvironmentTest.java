package io.github.sentineldrill.internal.docker;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.DockerRequirement;
import io.github.sentineldrill.ForkedJvm;
import io.github.sentineldrill.SentinelCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.testcontainers.DockerClientFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad Docker environments give a clear error that names the real cause, in seconds, and leave nothing behind. */
@ResourceLock(DockerRequirement.ENGINE)
class DockerEnvironmentTest {

    private static final ClusterSpec SMALL = ClusterSpec.builder().backend(Backend.DOCKER).replicas(0).sentinels(1)
            .startTimeout(Duration.ofSeconds(30)).build();

    @BeforeEach
    void requireDocker() {
        DockerRequirement.requireDocker();
    }

    @Test
    void anImageTheEngineCannotPullFailsAtOnceWithTheEnginesReasonAndNothingIsCreated() {
        ClusterSpec spec = SMALL.toBuilder().image("sentinel-drill/no-such-image:0").build();
        long begin = System.nanoTime();

        assertThatThrownBy(() -> SentinelCluster.start(spec))
                .isInstanceOf(ClusterStartException.class)
                .hasMessageContaining("Docker image sentinel-drill/no-such-image:0")
                .hasMessageContaining("the engine could not pull it: ")
                .hasMessageContaining("build-local-redis-image.sh");

        assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("time to the error").isLessThan(Duration.ofSeconds(10));
        assertThat(containersOfThisJvm()).isEmpty();
    }

    @Test
    void aConfigLineRedisRejectsIsReportedInRedisOwnWordsWithTheExitCodeInSeconds() {
        ClusterSpec spec = SMALL.toBuilder().redisConfig("maxmemory banana").build();
        long begin = System.nanoTime();

        assertThatThrownBy(() -> SentinelCluster.start(spec))
                .isInstanceOf(ClusterStartException.class)
                .hasMessageContaining("redis-0 exited (its container stopped with exit code 1)")
                .hasMessageContaining("maxmemory banana")
                .hasMessageContaining("argument must be a memory value");

        assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("time to the error").isLessThan(Duration.ofSeconds(5));
        assertThat(containersOfThisJvm()).isEmpty();
    }

    /**
     * With Ryuk left on, Testcontainers starts its Ryuk container before any other. Where its image can be had, the
     * engine is usable; where it cannot (no registry), the probe says so, names the fix, and does not wait for
     * Testcontainers' minutes of pull retries.
     */
    @Test
    void aMissingRyukImageIsNamedAsTheCauseWithTheFixInSeconds() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("TESTCONTAINERS_RYUK_DISABLED", null);
        long begin = System.nanoTime();
        String why;
        try (ForkedJvm jvm = ForkedJvm.start(DockerProbeInAnotherJvm.class, List.of(), environment)) {
            why = jvm.readLine();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        String ryuk = DockerImages.substituted(DockerEngine.ryukImage());
        if (ryukObtainable(ryuk)) {
            assertThat(why).as("the probe with Ryuk on, where %s can be had", ryuk).isEqualTo("available");
        } else {
            assertThat(why)
                    .contains("Testcontainers starts its Ryuk container " + ryuk)
                    .contains("set TESTCONTAINERS_RYUK_DISABLED=true");
            assertThat(took).as("time to the answer").isLessThan(Duration.ofSeconds(20));
        }
    }

    private static boolean ryukObtainable(String image) {
        return DockerImages.presentOrPulled(DockerClientFactory.instance().client(), image, Duration.ofSeconds(15))
                .isEmpty();
    }

    /** This class holds the engine alone (see {@link DockerRequirement#ENGINE}): no other topology of this JVM runs. */
    private static List<String> containersOfThisJvm() {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerBackend.LABEL_PREFIX + DockerLeftovers.OWNER_LABEL,
                        DockerLeftovers.owner()))
                .exec().stream().map(c -> c.getId()).toList();
    }

    /** Prints what the probe found: {@code available}, or why not, on one line. */
    public static final class DockerProbeInAnotherJvm {
        public static void main(String[] args) {
            String why = DockerEngine.whyUnavailable();
            System.out.println(why.isEmpty() ? "available" : why.replace('\n', ' '));
            System.out.flush();
            System.exit(0);
        }

        private DockerProbeInAnotherJvm() {
        }
    }
}
