package io.github.sentineldrill;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The topology contract on the LOCAL backend (Redis 7.0 from the PATH, and 6.2 from the embedded-redis jar). */
class LocalSentinelClusterTest extends SentinelClusterContract {

    @Override
    Backend backend() {
        return Backend.LOCAL;
    }

    /**
     * On LOCAL, the addresses sentinels hand out (relays on loopback) are reachable from the JVM, so a plain client works
     * without the address mapping; it goes through the relays, as a node does.
     */
    @Test
    void aPlainLettuceClientWithoutSharedResourcesCanUseTheSentinelUri() {
        try (SentinelCluster cluster = SentinelCluster.start(spec().replicas(1).sentinels(1).build())) {
            RedisClient client = RedisClient.create(cluster.sentinelUri());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                assertThat(connection.sync().ping()).isEqualTo("PONG");
            } finally {
                client.shutdown();
            }
            assertThat(cluster.sentinelUri().getSentinels()).hasSize(1);
            assertThat(cluster.sentinelUri().getSentinelMasterId()).isEqualTo("mymaster");
        }
    }
}
