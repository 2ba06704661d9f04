package io.github.sentineldrill;

import org.junit.jupiter.api.parallel.ResourceLock;

/** Every fault on the DOCKER backend; see {@link DockerRequirement} for machines without Docker. */
@ResourceLock(DockerRequirement.ENGINE)
class DockerFaultsTest extends FaultsContract {

    @Override
    Backend backend() {
        return Backend.DOCKER;
    }
}
