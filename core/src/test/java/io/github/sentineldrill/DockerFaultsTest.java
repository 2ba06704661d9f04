package io.github.sentineldrill;

import io.github.sentineldrill.internal.docker.DockerEngine;

/** Every fault on the DOCKER backend; see {@link DockerRequirement} for machines without Docker. */
class DockerFaultsTest extends FaultsContract {

    @Override
    Backend backend() {
        return Backend.DOCKER;
    }

    @Override
    boolean backendAvailable() {
        return DockerEngine.isAvailable();
    }

    @Override
    void assumeBackendAvailable() {
        DockerRequirement.requireDocker();
    }
}
