package io.github.sentineldrill.examples;

import io.github.sentineldrill.RedisNode;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.fault.InjectedFault;
import io.github.sentineldrill.junit.RedisSentinelCluster;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Faults outside a drill: the master killed, then cut off, with what a client sees each time. */
@RedisSentinelCluster(replicas = 2, sentinels = 3, quorum = 2, downAfterMillis = 1000)
class MasterFailoverTest {

    @Test
    void theSentinelsPromoteAReplicaThatHasTheWrites(SentinelCluster cluster) {
        RedisClient client = RedisClient.create(cluster.clientResources(), cluster.sentinelUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set("order:42", "paid");
            RedisNode oldMaster = cluster.master();

            try (InjectedFault fault = cluster.inject(Faults.killMaster())) {
                RedisNode promoted = cluster.awaitFailover();   // a quorum of sentinels agrees on a new master
                assertThat(promoted).isNotEqualTo(oldMaster);
            }                                                   // close() restarts the old master, as a replica

            RedisClient afterFailover = RedisClient.create(cluster.clientResources(), cluster.sentinelUri());
            try (StatefulRedisConnection<String, String> reconnected = afterFailover.connect()) {
                assertThat(reconnected.sync().get("order:42")).isEqualTo("paid");
            } finally {
                afterFailover.shutdown();
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void duringAPartitionTheOldMasterAcknowledgesWritesThatTheFailoverThenDiscards(SentinelCluster cluster) {
        RedisNode oldMaster = cluster.master();
        RedisClient client = RedisClient.create(cluster.clientResources(), oldMaster.uri());
        try (StatefulRedisConnection<String, String> toOldMaster = client.connect();
             InjectedFault partition = cluster.inject(Faults.partitionMaster(Duration.ofSeconds(30)))) {
            cluster.awaitFailover();
            // Cut off from the sentinels and replicas, the old master still takes this client's writes.
            assertThat(toOldMaster.sync().set("cart:7", "3 items")).isEqualTo("OK");

            partition.close();                                  // the partition heals ...
            cluster.reset();                                    // ... and the old master is demoted
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> toOldMaster.sync().info("replication").contains("role:slave"));
            assertThat(toOldMaster.sync().get("cart:7")).as("the acknowledged write").isNull();
        } finally {
            client.shutdown();
        }
    }
}
