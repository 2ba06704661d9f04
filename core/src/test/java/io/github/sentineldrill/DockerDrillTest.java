package io.github.sentineldrill;

import org.junit.jupiter.api.parallel.ResourceLock;

/** Drills on the DOCKER backend; see {@link DockerRequirement} for machines without Docker. */
@ResourceLock(DockerRequirement.ENGINE)
class DockerDrillTest extends DrillContract {

    @Override
    Backend backend() {
        return Backend.DOCKER;
    }
}
