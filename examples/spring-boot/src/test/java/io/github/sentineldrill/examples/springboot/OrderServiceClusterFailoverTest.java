package io.github.sentineldrill.examples.springboot;

import io.github.sentineldrill.ShardedCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.stream.Collectors;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;

/**
 * The same {@link OrderService}, deployed on a Redis Cluster ({@code spring.data.redis.cluster}, profile
 * {@code cluster}), under a shard master's crash.
 *
 * <p>Two things connect Spring Data Redis to the topology: its nodes as the cluster's seed nodes, and the topology's
 * address mapping. The nodes announce the addresses they use among themselves (in {@code CLUSTER SLOTS} and MOVED
 * replies); the mapping, in {@code cluster.clientResources()}, turns them into addresses this JVM reaches. The topology
 * refresh settings of application-cluster.properties make the client follow the failover.
 */
@SpringBootTest
@ActiveProfiles("cluster")
@RedisCluster(shards = 3, replicasPerShard = 1, nodeTimeoutMillis = 1000)
@DirtiesContext     // the context's connections belong to this class's topology: close them with it
class OrderServiceClusterFailoverTest {

    private static ShardedCluster cluster;

    /** Runs before the context starts, so the properties below can read the topology. */
    @BeforeAll
    static void topology(ShardedCluster started) {
        cluster = started;
    }

    @DynamicPropertySource
    static void redisOnTheTopologysNodes(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.cluster.nodes", () -> cluster.seedUris().stream()
                .map(uri -> uri.getHost() + ":" + uri.getPort())
                .collect(Collectors.joining(",")));
    }

    @TestConfiguration
    static class TopologyAddresses {
        @Bean
        LettuceClientConfigurationBuilderCustomizer reachableAddresses() {
            return builder -> builder.clientResources(cluster.clientResources());
        }
    }

    @Autowired
    OrderService orders;

    @Test
    void ordersOfTheFailedShardArePlacedAgainSoonAfterItsReplicaTakesOver() {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.custom(
                                sequence -> orders.placeOrder("drill-" + sequence, "1 x book"),
                                sequence -> orders.order("drill-" + sequence).isPresent())
                        .every(Duration.ofMillis(20)))
                .fault(Faults.killMaster())
                .timeout(Duration.ofSeconds(15))
                .run();

        // The SLA: the shard's replica takes over within 5 s (node-timeout is 1 s); orders are placed in every shard
        // again within 8 s of the crash; none acknowledged and lost.
        assertThat(report)
                .failedOverWithin(Duration.ofSeconds(5))
                .recoveredWithin(Duration.ofSeconds(8))
                .hasNoLostWrites();
    }
}
