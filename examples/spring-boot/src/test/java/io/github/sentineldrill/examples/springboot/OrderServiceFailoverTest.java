package io.github.sentineldrill.examples.springboot;

import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisSentinelCluster;
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
 * The application's own {@link OrderService}, wired by Spring Boot to the topology the extension started, under a
 * killMaster drill: the test asserts the service's failover SLA.
 *
 * <p>Two things connect Spring Data Redis to the topology: the sentinels' addresses and master name as properties,
 * and the topology's address mapping. Sentinels announce the addresses the nodes use among themselves; the mapping,
 * in {@code cluster.clientResources()}, turns them into addresses this JVM reaches.
 */
@SpringBootTest
@ActiveProfiles("sentinel")
@RedisSentinelCluster(replicas = 2, sentinels = 3, quorum = 2)
@DirtiesContext     // the context's connections belong to this class's topology: close them with it
class OrderServiceFailoverTest {

    private static SentinelCluster cluster;

    /** Runs before the context starts, so the properties below can read the topology. */
    @BeforeAll
    static void topology(SentinelCluster started) {
        cluster = started;
    }

    @DynamicPropertySource
    static void redisThroughTheTopologysSentinels(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.sentinel.master", () -> cluster.masterName());
        registry.add("spring.data.redis.sentinel.nodes", () -> cluster.sentinels().stream()
                .map(sentinel -> sentinel.uri().getHost() + ":" + sentinel.uri().getPort())
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
    void ordersArePlacedAgainSoonAfterTheMasterDiesAndNoneIsLost() {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.custom(
                                sequence -> orders.placeOrder("drill-" + sequence, "1 x book"),
                                sequence -> orders.order("drill-" + sequence).isPresent())
                        .every(Duration.ofMillis(20)))
                .fault(Faults.killMaster())
                .timeout(Duration.ofSeconds(15))
                .run();

        // The SLA: a new master within 5 s, orders placed again within 8 s of the crash and never unplaceable for
        // longer, none acknowledged and lost. While Lettuce reconnects, Boot's client queues commands, so orders
        // placed then wait for the timeout (500 ms in application.properties) and are counted indeterminate.
        assertThat(report)
                .failedOverWithin(Duration.ofSeconds(5))
                .recoveredWithin(Duration.ofSeconds(8))
                .hadWriteOutageAtMost(Duration.ofSeconds(8))
                .hasNoLostWrites();
    }
}
