package io.github.sentineldrill;

import org.junit.jupiter.api.parallel.ResourceLock;

/** The Redis Cluster contract on the DOCKER backend; see {@link DockerRequirement} for machines without Docker. */
@ResourceLock(DockerRequirement.ENGINE)
class DockerShardedClusterTest extends ShardedClusterContract {

    @Override
    Backend backend() {
        return Backend.DOCKER;
    }
}
