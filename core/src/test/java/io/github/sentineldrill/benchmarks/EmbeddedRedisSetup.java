package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.NodeAddress;
import redis.embedded.RedisCluster;
import redis.embedded.core.RedisSentinelBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The peer a team picks to get a Sentinel topology in a test without Docker: embedded-redis's own builder,
 * {@code RedisCluster.newRedisCluster()} with 3 sentinels, quorum 2 and a replication group of 2 replicas, on free
 * ports, with its own binary (Redis 6.2) and otherwise its defaults, or with down-after set as Sentinel Drill's.
 */
final class EmbeddedRedisSetup extends SentinelPeer {

    private final RedisCluster cluster;

    private EmbeddedRedisSetup(RedisCluster cluster) {
        this.cluster = cluster;
    }

    /** @param downAfterMillis the sentinels' down-after, or 0 for embedded-redis's default */
    static EmbeddedRedisSetup start(long downAfterMillis) throws IOException {
        RedisSentinelBuilder sentinels = new RedisSentinelBuilder();
        if (downAfterMillis > 0) {
            sentinels.downAfterMilliseconds(downAfterMillis);
        }
        RedisCluster cluster = RedisCluster.newRedisCluster()
                .withSentinelBuilder(sentinels)
                .ephemeral()
                .sentinelCount(3)
                .quorumSize(2)
                .replicationGroup(MASTER_NAME, 2)
                .build();
        cluster.start();
        return new EmbeddedRedisSetup(cluster);
    }

    @Override
    List<NodeAddress> dataNodes() {
        return cluster.serverPorts().stream().map(port -> new NodeAddress("127.0.0.1", port)).toList();
    }

    @Override
    List<NodeAddress> sentinels() {
        return cluster.sentinelPorts().stream().map(port -> new NodeAddress("127.0.0.1", port)).toList();
    }

    @Override
    public void close() {
        try {
            cluster.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
