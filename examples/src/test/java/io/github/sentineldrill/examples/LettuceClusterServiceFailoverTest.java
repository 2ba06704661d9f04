package io.github.sentineldrill.examples;

import io.github.sentineldrill.ShardedCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Your own service on a Redis Cluster under a drill: {@link CartService} adds an item to a cart every 10 ms while the
 * master of one of the three shards is killed. The carts of that shard cannot be written until its replica takes
 * over and the client has refreshed its view of the slots; the other shards' carts carry on.
 */
@RedisCluster(shards = 3, replicasPerShard = 1, nodeTimeoutMillis = 1000)
class LettuceClusterServiceFailoverTest {

    @Test
    void cartsOfTheFailedShardAreWritableAgainSoonAfterItsReplicaTakesOver(ShardedCluster cluster) {
        // In production the service gets the application's ClientResources; here the cluster's, which map the
        // addresses the nodes announce to ones this JVM reaches.
        try (CartService carts = new CartService(cluster.clientResources(), cluster.seedUris())) {
            FailoverReport report = cluster.drill()
                    .load(WriteLoad.custom(
                                    sequence -> carts.addItem("drill-" + sequence, "1 x book"),
                                    sequence -> carts.item("drill-" + sequence).isPresent())
                            .every(Duration.ofMillis(10)))
                    .fault(Faults.killMaster())
                    .timeout(Duration.ofSeconds(15))
                    .run();

            // The SLA: the shard's replica takes over within 5 s (node-timeout is 1 s); the service writes every
            // cart again within 6 s of the crash; no acknowledged item is lost.
            assertThat(report)
                    .failedOverWithin(Duration.ofSeconds(5))
                    .recoveredWithin(Duration.ofSeconds(6))
                    .hasNoLostWrites();
            // Only the failed shard's carts failed: about a third of the writes made during the failover.
            assertThat(report.failedWrites() + report.indeterminateWrites()).isPositive()
                    .isLessThan(report.acknowledgedWrites());
        }
    }
}
