package io.github.sentineldrill.examples;

import io.github.sentineldrill.RedisNode;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.junit.RedisSentinelCluster;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@RedisSentinelCluster(replicas = 2, sentinels = 3)
class FirstSentinelClusterTest {

    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    @BeforeEach
    void connectThroughTheSentinels(SentinelCluster cluster) {
        client = RedisClient.create(cluster.clientResources(), cluster.sentinelUri());
        connection = client.connect();
    }

    @AfterEach
    void disconnect() {
        connection.close();
        client.shutdown();
    }

    @Test
    void writesReachTheMasterAndEveryReplica(SentinelCluster cluster) {
        connection.sync().set("order:42", "paid");

        for (RedisNode replica : cluster.replicas()) {
            RedisClient replicaClient = RedisClient.create(cluster.clientResources(), replica.uri());
            try (StatefulRedisConnection<String, String> replicaConnection = replicaClient.connect()) {
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> "paid".equals(replicaConnection.sync().get("order:42")));
            } finally {
                replicaClient.shutdown();
            }
        }
    }

    @Test
    void theSentinelsAgreeOnTheMaster(SentinelCluster cluster) {
        assertThat(cluster.master().name()).isEqualTo("redis-0");
        assertThat(cluster.replicas()).extracting(RedisNode::name).containsExactly("redis-1", "redis-2");
        assertThat(connection.sync().info("replication")).contains("role:master", "connected_slaves:2");
    }
}
