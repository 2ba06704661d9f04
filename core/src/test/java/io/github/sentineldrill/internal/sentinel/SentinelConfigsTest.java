package io.github.sentineldrill.internal.sentinel;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.runtime.NodeLayout;
import io.github.sentineldrill.internal.sentinel.SentinelConfigs.SentinelIdentity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SentinelConfigsTest {

    private static final String ID_A = "a".repeat(40);
    private static final String ID_B = "b".repeat(40);

    private final ClusterSpec spec = ClusterSpec.builder()
            .replicas(2).sentinels(2).quorum(1).masterName("orders")
            .downAfter(Duration.ofMillis(750)).failoverTimeout(Duration.ofSeconds(4)).parallelSyncs(2)
            .redisConfig("min-replicas-to-write 1")
            .sentinelConfig("sentinel resolve-hostnames yes")
            .build();

    @Test
    void masterConfigSyncsReplicasAtOnceAndPersistsNothing() {
        String conf = SentinelConfigs.dataNode(spec, layout("127.0.0.1", 7000, "/tmp/t/redis-0"),
                NodeAddress.of("127.0.0.1", 7000), Optional.empty());

        assertThat(conf.lines()).contains(
                "bind 127.0.0.1", "port 7000", "dir \"/tmp/t/redis-0\"", "daemonize no", "set-proc-title no",
                "save \"\"", "appendonly no", "repl-diskless-sync yes", "repl-diskless-sync-delay 0",
                "replica-announce-ip 127.0.0.1", "replica-announce-port 7000");
        assertThat(conf).doesNotContain("replicaof");
    }

    @Test
    void replicaConfigPointsAtTheMasterAndEndsWithTheExtraLines() {
        String conf = SentinelConfigs.dataNode(spec, layout("0.0.0.0", 6379, "/data"), NodeAddress.of("redis-1", 6379),
                Optional.of(NodeAddress.of("redis-0", 6379)));

        assertThat(conf.lines()).contains("replicaof redis-0 6379", "replica-announce-ip redis-1");
        assertThat(conf.lines().reduce((a, b) -> b)).contains("min-replicas-to-write 1");
    }

    @Test
    void sentinelConfigIsPreSeededWithTheWholeTopology() {
        String conf = SentinelConfigs.sentinel(spec, layout("127.0.0.1", 26379, "/tmp/t/sentinel-0"),
                new SentinelIdentity(ID_A, NodeAddress.of("127.0.0.1", 26379)), NodeAddress.of("127.0.0.1", 7000),
                List.of(NodeAddress.of("127.0.0.1", 7001), NodeAddress.of("127.0.0.1", 7002)),
                List.of(new SentinelIdentity(ID_B, NodeAddress.of("127.0.0.1", 26380))));

        assertThat(conf.lines()).containsSubsequence(
                "sentinel myid " + ID_A,
                "sentinel monitor orders 127.0.0.1 7000 1",
                "sentinel down-after-milliseconds orders 750",
                "sentinel failover-timeout orders 4000",
                "sentinel parallel-syncs orders 2",
                "sentinel known-replica orders 127.0.0.1 7001",
                "sentinel known-replica orders 127.0.0.1 7002",
                "sentinel known-sentinel orders 127.0.0.1 26380 " + ID_B,
                "sentinel resolve-hostnames yes");
        assertThat(conf.lines()).contains("sentinel announce-ip 127.0.0.1", "sentinel announce-port 26379");
    }


    @Test
    void sentinelsOfNodesKnownByNameResolveAndAnnounceHostnames() {
        String conf = SentinelConfigs.sentinel(spec, layout("0.0.0.0", 26379, "/data"),
                new SentinelIdentity(ID_A, NodeAddress.of("sentinel-0", 26379)), NodeAddress.of("redis-0", 6379),
                List.of(NodeAddress.of("redis-1", 6379)), List.of());

        assertThat(conf.lines()).contains("sentinel resolve-hostnames yes", "sentinel announce-hostnames yes",
                "protected-mode no", "sentinel monitor orders redis-0 6379 1", "sentinel announce-ip sentinel-0");
    }

    @Test
    void loopbackNodesKeepProtectedModeAndIpAddresses() {
        ClusterSpec noExtraLines = spec.toBuilder().sentinelConfig(List.of()).build();

        String conf = SentinelConfigs.sentinel(noExtraLines, layout("127.0.0.1", 26379, "/d"),
                new SentinelIdentity(ID_A, NodeAddress.of("127.0.0.1", 26379)), NodeAddress.of("127.0.0.1", 6379),
                List.of(), List.of());

        assertThat(conf).doesNotContain("protected-mode", "resolve-hostnames", "announce-hostnames");
    }

    @Test
    void majorityQuorumIsWrittenAsANumber() {
        ClusterSpec majority = spec.toBuilder().sentinels(5).quorum(0).build();

        String conf = SentinelConfigs.sentinel(majority, layout("127.0.0.1", 1, "/d"),
                new SentinelIdentity(ID_A, NodeAddress.of("127.0.0.1", 1)), NodeAddress.of("127.0.0.1", 2),
                List.of(), List.of());

        assertThat(conf.lines()).contains("sentinel monitor orders 127.0.0.1 2 3");
    }

    @Test
    void directoriesWithQuotesAndBackslashesAreEscaped() {
        String conf = SentinelConfigs.dataNode(spec, layout("127.0.0.1", 1, "/tmp/a \"b\"\\c"), NodeAddress.of("h", 1),
                Optional.empty());

        assertThat(conf.lines()).contains("dir \"/tmp/a \\\"b\\\"\\\\c\"");
    }

    private static NodeLayout layout(String bind, int port, String dir) {
        return new NodeLayout(bind, port, OptionalInt.empty(), dir);
    }

    @Test
    void sentinelIdsMustBeFortyHexCharacters() {
        assertThatThrownBy(() -> new SentinelIdentity("abc", NodeAddress.of("h", 1)))
                .hasMessageContaining("40 lowercase hex");
    }
}
