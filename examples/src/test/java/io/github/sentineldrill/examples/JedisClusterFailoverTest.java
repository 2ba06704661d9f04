package io.github.sentineldrill.examples;

import io.github.sentineldrill.AddressMapper;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.ShardedCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.HostAndPortMapper;
import redis.clients.jedis.JedisCluster;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;

/**
 * A shard master's crash through {@link JedisCluster}. The nodes announce the addresses they have inside the topology
 * (in {@code CLUSTER SLOTS} and in MOVED replies); a {@link HostAndPortMapper} built from
 * {@code cluster.addressMapper()} turns them into addresses this JVM reaches, on both backends. Jedis renews its slot
 * cache when a command fails on a connection, and retries the command up to {@code maxAttempts} times.
 */
@RedisCluster(shards = 3, replicasPerShard = 1, nodeTimeoutMillis = 1000)
class JedisClusterFailoverTest {

    private static JedisCluster jedis;

    @BeforeAll
    static void connect(ShardedCluster cluster) {
        AddressMapper addresses = cluster.addressMapper();
        HostAndPortMapper reachable = announced -> {
            NodeAddress mapped = addresses.map(announced.getHost(), announced.getPort());
            return new HostAndPort(mapped.host(), mapped.port());
        };
        Set<HostAndPort> seeds = cluster.seedUris().stream()
                .map(uri -> new HostAndPort(uri.getHost(), uri.getPort()))
                .collect(Collectors.toSet());
        jedis = new JedisCluster(seeds,
                DefaultJedisClientConfig.builder()
                        .timeoutMillis(500)
                        .hostAndPortMapper(reachable)
                        .build(),
                2);     // attempts per command: a command against the failed master fails rather than waits
    }

    @AfterAll
    static void disconnect() {
        jedis.close();
    }

    @Test
    void jedisWritesTheFailedShardAgainOnceItsReplicaTookOver(ShardedCluster cluster) {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.custom(
                                sequence -> jedis.set("cart:drill-" + sequence, "1 x book"),
                                sequence -> jedis.exists("cart:drill-" + sequence))
                        .every(Duration.ofMillis(10)))
                .fault(Faults.killMaster())
                .timeout(Duration.ofSeconds(15))
                .run();

        assertThat(report)
                .failedOverWithin(Duration.ofSeconds(5))
                .recoveredWithin(Duration.ofSeconds(8))
                .hasNoLostWrites();
    }
}
