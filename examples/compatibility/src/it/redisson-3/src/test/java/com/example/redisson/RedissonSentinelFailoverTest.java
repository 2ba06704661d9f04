package com.example.redisson;

import io.github.sentineldrill.AddressMapper;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisSentinelCluster;
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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's own Redisson 3.x client under a drill: its writes are the load, so the drill measures what the service
 * lives through. Redisson reaches the nodes through the topology's address mapping (its NatMapper), on LOCAL and DOCKER
 * alike.
 */
@RedisSentinelCluster(replicas = 2, sentinels = 3)
class RedissonSentinelFailoverTest {

    private RedissonClient redisson;

    @BeforeEach
    void connect(SentinelCluster cluster) {
        AddressMapper mapper = cluster.addressMapper();
        NatMapper natMapper = uri -> {
            NodeAddress reachable = mapper.map(uri.getHost(), uri.getPort());
            return new RedisURI(uri.getScheme(), reachable.host(), reachable.port());
        };
        Config config = new Config();
        config.useSentinelServers()
                .setMasterName(cluster.masterName())
                .addSentinelAddress(cluster.sentinels().stream()
                        .map(sentinel -> "redis://" + sentinel.reachableAddress())
                        .toArray(String[]::new))
                // The sentinels announce their addresses inside the topology; the mapped ones are given above.
                .setCheckSentinelsList(false)
                .setNatMapper(natMapper)
                .setScanInterval(100)       // how often Redisson asks the sentinels for the master (1 s by default)
                .setTimeout(500)
                .setRetryAttempts(0);       // a failed write fails at once, rather than being retried
        redisson = Redisson.create(config);
    }

    @AfterEach
    void disconnect() {
        redisson.shutdown();
    }

    @Test
    void redissonFollowsTheSentinelsToTheNewMaster(SentinelCluster cluster) {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.custom(
                                sequence -> redisson.getBucket("order:" + sequence).set(sequence),
                                sequence -> redisson.getBucket("order:" + sequence).isExists())
                        .every(Duration.ofMillis(10)))
                .fault(Faults.killMaster())
                .run();

        assertThat(report).failedOverWithin(Duration.ofSeconds(5)).recoveredWithin(Duration.ofSeconds(10));
        assertThat(report.clientInterrupted()).as("Redisson lived through the failover").isTrue();
        System.out.println(report.summary());
    }
}
