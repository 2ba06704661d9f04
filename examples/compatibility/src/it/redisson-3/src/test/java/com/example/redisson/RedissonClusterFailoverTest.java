package com.example.redisson;

import io.github.sentineldrill.AddressMapper;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.ShardedCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.NatMapper;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.misc.RedisURI;

import java.time.Duration;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;

/**
 * A service's own Redisson 3.x cluster client under a shard master's crash. The nodes announce the addresses they have
 * inside the topology; the NatMapper maps them to ones the test JVM reaches. Redisson learns of the failover when it
 * next scans the cluster's topology ({@code scanInterval}, 5 s by default).
 */
@RedisCluster(shards = 3, replicasPerShard = 1)
class RedissonClusterFailoverTest {

    private RedissonClient redisson;

    @BeforeEach
    void connect(ShardedCluster cluster) {
        AddressMapper mapper = cluster.addressMapper();
        NatMapper natMapper = uri -> {
            NodeAddress reachable = mapper.map(uri.getHost(), uri.getPort());
            return new RedisURI(uri.getScheme(), reachable.host(), reachable.port());
        };
        Config config = new Config();
        config.useClusterServers()
                .addNodeAddress(cluster.seedUris().stream()
                        .map(uri -> "redis://" + uri.getHost() + ":" + uri.getPort())
                        .toArray(String[]::new))
                .setNatMapper(natMapper)
                .setScanInterval(200)
                .setTimeout(500)
                .setRetryAttempts(0);
        redisson = Redisson.create(config);
    }

    @AfterEach
    void disconnect() {
        redisson.shutdown();
    }

    @Test
    void redissonFollowsTheShardsNewMaster(ShardedCluster cluster) {
        // "{orders}" hashes to slot 105, in shard 0: the shard whose master the fault hits.
        FailoverReport report = cluster.drill()
                .load(WriteLoad.custom(
                                sequence -> redisson.getBucket("{orders}:" + sequence).set(sequence),
                                sequence -> redisson.getBucket("{orders}:" + sequence).isExists())
                        .every(Duration.ofMillis(10)))
                .fault(Faults.killMaster())
                .run();

        assertThat(report).failedOverWithin(Duration.ofSeconds(6)).recoveredWithin(Duration.ofSeconds(10));
        System.out.println(report.summary());
    }
}
