package io.github.sentineldrill;

/** The topology contract on the LOCAL backend (Redis 7.0 from the PATH, and 6.2 from the embedded-redis jar). */
class LocalSentinelClusterTest extends SentinelClusterContract {

    @Override
    Backend backend() {
        return Backend.LOCAL;
    }
}
