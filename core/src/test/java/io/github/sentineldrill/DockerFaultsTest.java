package io.github.sentineldrill;

/** Every fault on the DOCKER backend; see {@link DockerRequirement} for machines without Docker. */
class DockerFaultsTest extends FaultsContract {

    @Override
    Backend backend() {
        return Backend.DOCKER;
    }
}
