package io.github.sentineldrill.examples;

import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.junit.RedisSentinelCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.sentineldrill.assertj.DrillAssertions.assertThat;

/**
 * Your own service under a drill: {@link CheckoutService} places an order every 20 ms while the master is killed, and
 * the test asserts the service's failover SLA. The drill counts what the service's calls threw, and afterwards looks
 * every acknowledged order up through the service again.
 */
@RedisSentinelCluster(replicas = 2, sentinels = 3, quorum = 2)
class LettuceServiceFailoverTest {

    @Test
    void checkoutTakesOrdersAgainSoonAfterTheMasterDiesAndLosesNone(SentinelCluster cluster) {
        // In production the service gets the application's ClientResources; here the cluster's, which map the
        // addresses the sentinels announce to ones this JVM reaches.
        try (CheckoutService checkout = new CheckoutService(cluster.clientResources(), cluster.sentinelUri())) {
            FailoverReport report = cluster.drill()
                    .load(WriteLoad.custom(
                                    sequence -> checkout.placeOrder("drill-" + sequence, "1 x book"),
                                    sequence -> checkout.order("drill-" + sequence).isPresent())
                            .every(Duration.ofMillis(20)))
                    .fault(Faults.killMaster())
                    .timeout(Duration.ofSeconds(15))
                    .run();

            // The SLA: the sentinels promote a replica within 5 s (down-after is 1 s); the service writes again
            // within 8 s of the crash and is never unable to write for longer; no acknowledged order is lost.
            // The service only finds the new master when it reconnects, and Lettuce spaces reconnection attempts
            // out more and more, so it comes back a little after the failover (measured: 0.6 s after it).
            assertThat(report)
                    .failedOverWithin(Duration.ofSeconds(5))
                    .recoveredWithin(Duration.ofSeconds(8))
                    .hadWriteOutageAtMost(Duration.ofSeconds(8))
                    .hasNoLostWrites();
        }
    }
}
