package io.github.sentineldrill.junit;

import io.github.sentineldrill.ShardedCluster;
import io.github.sentineldrill.ShardedClusterSpec;

import java.time.Duration;

/** A {@link RedisCluster} annotation as a spec, and the cluster it starts. */
final class ShardedDeclarations {

    private ShardedDeclarations() {
    }

    static ShardedClusterSpec spec(RedisCluster a) {
        return ShardedClusterSpec.builder()
                .shards(a.shards())
                .replicasPerShard(a.replicasPerShard())
                .nodeTimeout(Duration.ofMillis(a.nodeTimeoutMillis()))
                .backend(a.backend())
                .image(a.image())
                .redisBinary(a.redisBinary())
                .redisConfig(a.redisConfig())
                .startTimeout(Duration.ofMillis(a.startTimeoutMillis()))
                .build();
    }

    static ShardedCluster start(RedisCluster annotation) {
        return ShardedCluster.start(spec(annotation));
    }
}
