package com.example.compat;

import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisSentinelCluster;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lettuce 7 needs Netty 4.2; this build resolves Netty 4.1. What needs Lettuce (the built-in writer) says so before it
 * starts, naming both versions and the fix; the drill's own machinery needs neither, so a drill of the team's own
 * writes (through Jedis, which needs no Netty) runs.
 */
@RedisSentinelCluster(replicas = 1, sentinels = 3)
class ImpossibleMixTest {

    @Test
    void theBuiltInWriterNamesBothVersionsAndTheFix(SentinelCluster cluster) {
        assertThatThrownBy(() -> cluster.drill().load(WriteLoad.everyMillis(10)).fault(Faults.killMaster()).run())
                .isInstanceOf(SentinelDrillException.class)
                .hasMessageContaining("uses Lettuce 7.")
                .hasMessageContaining("which needs Netty 4.2, but this build resolves Netty 4.1.")
                .hasMessageContaining("use Lettuce 6.x");
        Cell.row("Sentinel on " + cluster.backend(), "built-in writer refused, naming Lettuce 7 and Netty 4.1");
    }

    @Test
    void aDrillOfTheTeamsOwnJedisWritesRuns(SentinelCluster cluster) {
        Set<String> sentinels = cluster.sentinels().stream()
                .map(sentinel -> sentinel.reachableAddress().toString())
                .collect(Collectors.toSet());
        // On LOCAL the nodes announce loopback addresses the test JVM reaches, so Jedis needs no address mapping.
        try (JedisSentinelPool pool = new JedisSentinelPool(cluster.masterName(), sentinels)) {
            FailoverReport report = cluster.drill()
                    .load(WriteLoad.custom(sequence -> {
                        try (Jedis jedis = pool.getResource()) {
                            jedis.set("order:" + sequence, "paid");
                        }
                    }, sequence -> {
                        try (Jedis jedis = pool.getResource()) {
                            return jedis.exists("order:" + sequence);
                        }
                    }).every(Duration.ofMillis(10)))
                    .fault(Faults.killMaster())
                    .run();

            Cell.record("Sentinel", cluster, report);
            assertThat(report).failedOverWithin(Duration.ofSeconds(5)).recoveredWithin(Duration.ofSeconds(10));
        }
    }
}
