package io.github.sentineldrill;

/** The Redis Cluster contract on the LOCAL backend (Redis 7.0 from the PATH, and 6.2 from the embedded-redis jar). */
class LocalShardedClusterTest extends ShardedClusterContract {

    @Override
    Backend backend() {
        return Backend.LOCAL;
    }
}
