package io.github.sentineldrill;

/** Drills on the DOCKER backend; see {@link DockerRequirement} for machines without Docker. */
class DockerDrillTest extends DrillContract {

    @Override
    Backend backend() {
        return Backend.DOCKER;
    }
}
