package io.github.sentineldrill.examples;

import io.github.sentineldrill.ShardedCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisCluster;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Why a Redis Cluster client's topology refresh settings matter: Lettuce 6's {@link RedisClusterClient} with its
 * default options never refreshes its view of the slots by itself. When a shard's master dies, the client keeps
 * sending that shard's keys to the dead node, long after the replica took over; the failover happens, the client never
 * follows it, and the bound on its recovery fails. ({@link CartService} shows the settings that fix it.)
 */
@RedisCluster(shards = 3, replicasPerShard = 1, nodeTimeoutMillis = 1000)
class StockLettuceClusterClientTest {

    @Test
    void aClientWithoutTopologyRefreshNeverFollowsTheFailover(ShardedCluster cluster) {
        RedisClusterClient client = RedisClusterClient.create(cluster.clientResources(), cluster.seedUris());
        try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
            connection.setTimeout(Duration.ofMillis(500));      // the one change: Lettuce's default waits 60 s
            FailoverReport report = cluster.drill()
                    .load(WriteLoad.custom(
                                    sequence -> connection.sync().set("{orders}:" + sequence, "1 x book"),
                                    sequence -> connection.sync().exists("{orders}:" + sequence) == 1)
                            .every(Duration.ofMillis(20)))
                    .fault(Faults.killMaster())                  // "{orders}" is in shard 0, the one whose master dies
                    .timeout(Duration.ofSeconds(10))
                    .run();

            assertThat(report).failedOverWithin(Duration.ofSeconds(5));
            assertThat(report.recovered()).as("the client followed the failover").isFalse();
            assertThatThrownBy(() -> assertThat(report).recoveredWithin(Duration.ofSeconds(10)))
                    .hasMessageContaining("could not be measured: the client had not recovered");
            System.out.println(report.summary());
        } finally {
            client.shutdown();
        }
    }
}
