package io.github.sentineldrill;

import io.github.sentineldrill.assertj.DrillAssertions;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.internal.compat.ClientLibraries;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.NatMapper;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.misc.RedisURI;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drills with Redisson 3.x on the class path, which brings Netty 4.1: the drill's own machinery (the sentinels'
 * events, the probes, the verification) works whatever Netty the build resolves, the built-in writer runs on the
 * Lettuce 6 the library declares, and Redisson's own writes are counted by what its exceptions mean.
 */
class RedissonDrillTest extends FailoverTopologyContract {

    @Override
    Backend backend() {
        return Backend.LOCAL;
    }

    @Test
    void thisBuildResolvesNetty41AsRedisson3Does() {
        assertThat(ClientLibraries.nettyVersion()).hasValueSatisfying(version -> assertThat(version).startsWith("4.1."));
        assertThat(ClientLibraries.lettuceVersion()).hasValueSatisfying(version -> assertThat(version).startsWith("6."));
    }

    @Test
    void theBuiltInWriterDrillsWithRedisson3OnTheClassPath() {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(10))
                .fault(Faults.killMaster())
                .timeout(Duration.ofSeconds(20))
                .run();

        DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(5))
                .recoveredWithin(Duration.ofSeconds(6)).hasNoLostWrites();
    }

    @Test
    void redissonsOwnWritesAreDrilledAndItsNotSentErrorsCountAsFailed() {
        RedissonClient redisson = redisson(cluster);
        try {
            FailoverReport report = cluster.drill()
                    .load(WriteLoad.custom(
                                    sequence -> redisson.getBucket("redisson:" + sequence).set(sequence),
                                    sequence -> redisson.getBucket("redisson:" + sequence).isExists())
                            .every(Duration.ofMillis(10)))
                    .fault(Faults.killMaster())
                    .timeout(Duration.ofSeconds(30))
                    .run();

            DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(5))
                    .recoveredWithin(Duration.ofSeconds(20));
            assertThat(report.clientInterrupted()).isTrue();
            assertThat(report.verified()).isTrue();
        } finally {
            redisson.shutdown();
        }
    }

    /** Redisson 3.x, following the sentinels through the topology's address mapping. */
    static RedissonClient redisson(SentinelCluster cluster) {
        AddressMapper mapper = cluster.addressMapper();
        NatMapper natMapper = uri -> {
            NodeAddress reachable = mapper.map(uri.getHost(), uri.getPort());
            return new RedisURI(uri.getScheme(), reachable.host(), reachable.port());
        };
        Config config = new Config();
        config.useSentinelServers()
                .setMasterName(cluster.masterName())
                .addSentinelAddress(cluster.sentinels().stream()
                        .map(s -> "redis://" + s.reachableAddress().host() + ":" + s.reachableAddress().port())
                        .toArray(String[]::new))
                .setCheckSentinelsList(false)
                .setNatMapper(natMapper)
                .setScanInterval(100)
                .setTimeout(500)
                .setRetryAttempts(0);
        return Redisson.create(config);
    }
}
