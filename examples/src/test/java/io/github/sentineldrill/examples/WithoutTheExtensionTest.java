package io.github.sentineldrill.examples;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.SentinelCluster;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The core module without the JUnit extension: a topology started and closed by the test's own code. */
class WithoutTheExtensionTest {

    @Test
    void aTopologyStartedByHandTakesWritesAndIsClosedAfterwards() {
        try (SentinelCluster cluster = SentinelCluster.start(
                ClusterSpec.builder().replicas(2).sentinels(3).build())) {
            RedisClient client = RedisClient.create(cluster.clientResources(), cluster.sentinelUri());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                connection.sync().set("order:42", "paid");
                assertThat(connection.sync().get("order:42")).isEqualTo("paid");
            } finally {
                client.shutdown();
            }
        }
    }
}
