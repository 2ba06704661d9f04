package io.github.sentineldrill;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSpecTest {

    @Test
    void defaultsAreTwoReplicasThreeSentinelsMajorityQuorumAndOneSecondDownAfter() {
        ClusterSpec spec = ClusterSpec.builder().build();

        assertThat(spec.replicas()).isEqualTo(2);
        assertThat(spec.sentinels()).isEqualTo(3);
        assertThat(spec.quorum()).isZero();
        assertThat(spec.effectiveQuorum()).isEqualTo(2);
        assertThat(spec.masterName()).isEqualTo("mymaster");
        assertThat(spec.downAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(spec.failoverTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.backend()).isEqualTo(Backend.AUTO);
        assertThat(spec.redisConfig()).isEmpty();
    }

    @Test
    void quorumZeroMeansAMajorityOfTheSentinels() {
        assertThat(spec(b -> b.sentinels(1)).effectiveQuorum()).isEqualTo(1);
        assertThat(spec(b -> b.sentinels(4)).effectiveQuorum()).isEqualTo(3);
        assertThat(spec(b -> b.sentinels(5)).effectiveQuorum()).isEqualTo(3);
        assertThat(spec(b -> b.sentinels(5).quorum(4)).effectiveQuorum()).isEqualTo(4);
    }

    @Test
    void negativeReplicasAreRejectedNamingTheAttributeAndValue() {
        assertRejected(b -> b.replicas(-1), "replicas", "replicas = -1", "0 to 16");
    }

    @Test
    void zeroSentinelsAreRejected() {
        assertRejected(b -> b.sentinels(0), "sentinels", "sentinels = 0", "1 to 16");
    }

    @Test
    void quorumAboveTheSentinelsIsRejected() {
        assertRejected(b -> b.sentinels(3).quorum(4), "quorum", "quorum = 4", "to sentinels (3)");
    }

    @Test
    void negativeQuorumIsRejected() {
        assertRejected(b -> b.quorum(-1), "quorum", "quorum = -1", "0 (a majority of the sentinels)");
    }

    @Test
    void nonPositiveDurationsAreRejected() {
        assertRejected(b -> b.downAfter(Duration.ZERO), "downAfter", "downAfter = PT0S", "at least 1 ms");
        assertRejected(b -> b.downAfter(Duration.ofMillis(-5)), "downAfter", "PT-0.005S", "at least 1 ms");
        assertRejected(b -> b.failoverTimeout(Duration.ZERO), "failoverTimeout", "PT0S", "at least 1 ms");
        assertRejected(b -> b.startTimeout(Duration.ofNanos(10)), "startTimeout", "PT0.00000001S", "at least 1 ms");
        assertRejected(b -> b.downAfter(null), "downAfter", "downAfter = null", "at least 1 ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "my master", "a/b", "name\n"})
    void masterNamesThatSentinelConfigsCannotCarryAreRejected(String name) {
        assertRejected(b -> b.masterName(name), "masterName", "masterName = \"" + name + "\"", "letters, digits");
    }

    @Test
    void parallelSyncsBelowOneIsRejected() {
        assertRejected(b -> b.parallelSyncs(0), "parallelSyncs", "parallelSyncs = 0", "1 to 16");
    }

    @Test
    void configLinesThatSentinelDrillManagesAreRejectedWithTheAttributeToUseInstead() {
        assertRejected(b -> b.redisConfig("port 7000"), "redisConfig", "\"port 7000\"", "'port' is set by Sentinel Drill");
        assertRejected(b -> b.redisConfig("REPLICAOF 127.0.0.1 6379"), "redisConfig", "REPLICAOF", "'replicaof'");
        assertRejected(b -> b.sentinelConfig("sentinel down-after-milliseconds mymaster 5"), "sentinelConfig",
                "down-after", "from downAfter");
    }

    @Test
    void blankOrMultiLineConfigLinesAreRejected() {
        assertRejected(b -> b.redisConfig(" "), "redisConfig", "\" \"", "non-blank single-line");
        assertRejected(b -> b.sentinelConfig("a 1\nb 2"), "sentinelConfig", "a 1", "non-blank single-line");
    }

    @Test
    void extraConfigLinesAreKeptInOrderAndImmutable() {
        ClusterSpec spec = spec(b -> b.redisConfig("min-replicas-to-write 1", "maxmemory 10mb"));

        assertThat(spec.redisConfig()).containsExactly("min-replicas-to-write 1", "maxmemory 10mb");
        assertThatThrownBy(() -> spec.redisConfig().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toBuilderRoundTripsEveryAttribute() {
        ClusterSpec spec = spec(b -> b.replicas(1).sentinels(5).quorum(3).masterName("orders")
                .downAfter(Duration.ofMillis(250)).failoverTimeout(Duration.ofSeconds(3)).parallelSyncs(2)
                .backend(Backend.LOCAL).redisBinary("embedded").redisConfig("maxmemory 1mb")
                .sentinelConfig("sentinel resolve-hostnames no").startTimeout(Duration.ofSeconds(9)));

        assertThat(spec.toBuilder().build()).isEqualTo(spec);
    }

    private static ClusterSpec spec(UnaryOperator<ClusterSpec.Builder> settings) {
        return settings.apply(ClusterSpec.builder()).build();
    }

    private static void assertRejected(UnaryOperator<ClusterSpec.Builder> settings, String attribute,
                                       String... messageParts) {
        assertThatThrownBy(() -> spec(settings))
                .isInstanceOfSatisfying(InvalidClusterSpecException.class,
                        e -> assertThat(e.attribute()).isEqualTo(attribute))
                .hasMessageContainingAll(messageParts);
    }
}
