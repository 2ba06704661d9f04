package io.github.sentineldrill.examples;

import io.github.sentineldrill.AddressMapper;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisSentinelCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.HostAndPortMapper;
import redis.clients.jedis.JedisSentineled;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;

/**
 * The killMaster drill through Jedis's sentinel client. Jedis asks the sentinels for the master, connects to the
 * address they announce, and moves its pool when a sentinel publishes {@code +switch-master}. The addresses the
 * sentinels announce are the topology's own; a {@link HostAndPortMapper} built from {@code cluster.addressMapper()}
 * turns them into addresses this JVM reaches, as Jedis's own mapper does for NAT in production.
 *
 * <p>Written for Jedis 5 (the one Spring Boot 3.5 manages). Jedis 7 deprecates {@code JedisSentineled}, and Jedis 8
 * replaces it with {@code RedisSentinelClient.builder().masterName(..).sentinels(..).clientConfig(..)
 * .sentinelClientConfig(..).build()}, taking the same configs.
 */
@RedisSentinelCluster(replicas = 2, sentinels = 3, quorum = 2)
class JedisFailoverTest {

    private static JedisSentineled jedis;

    @BeforeAll
    static void connect(SentinelCluster cluster) {
        AddressMapper addresses = cluster.addressMapper();
        HostAndPortMapper reachable = announced -> {
            NodeAddress mapped = addresses.map(announced.getHost(), announced.getPort());
            return new HostAndPort(mapped.host(), mapped.port());
        };
        Set<HostAndPort> sentinels = cluster.sentinels().stream()
                .map(sentinel -> new HostAndPort(sentinel.uri().getHost(), sentinel.uri().getPort()))
                .collect(Collectors.toSet());
        jedis = new JedisSentineled(cluster.masterName(),
                DefaultJedisClientConfig.builder()                    // for the master's connections
                        .timeoutMillis(500)
                        .hostAndPortMapper(reachable)
                        .build(),
                sentinels,
                DefaultJedisClientConfig.builder().timeoutMillis(500).build());
    }

    @AfterAll
    static void disconnect() {
        jedis.close();
    }

    @Test
    void jedisWritesAgainRightAfterTheSentinelsPromoteAReplica(SentinelCluster cluster) {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.custom(
                                sequence -> jedis.set("order:drill-" + sequence, "1 x book"),
                                sequence -> jedis.exists("order:drill-" + sequence))
                        .every(Duration.ofMillis(20)))
                .fault(Faults.killMaster())
                .timeout(Duration.ofSeconds(15))
                .run();

        assertThat(report)
                .failedOverWithin(Duration.ofSeconds(5))
                .recoveredWithin(Duration.ofSeconds(6))
                .hadWriteOutageAtMost(Duration.ofSeconds(6))
                .hasNoLostWrites();
    }
}
