package io.github.sentineldrill;

import io.github.sentineldrill.internal.docker.DockerEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of the contract tests: a backend under test, and one topology on it that the whole test class shares.
 * Subclasses name the backend; where it cannot run (no Docker engine), the topology is not started and each test is
 * skipped, or fails where Docker is required (see {@link DockerRequirement}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedTopologyContract {

    /** The shared topology; null where the backend cannot run. */
    SentinelCluster cluster;

    /** The backend under test. */
    abstract Backend backend();

    /** The shared topology's spec; {@link #spec()} gives the backend. */
    abstract ClusterSpec sharedSpec();

    ClusterSpec.Builder spec() {
        return ClusterSpec.builder().backend(backend());
    }

    final boolean backendAvailable() {
        return backend() != Backend.DOCKER || DockerEngine.isAvailable();
    }

    /** Skips the calling test (or fails it, where Docker is required) when the backend cannot run here. */
    final void assumeBackendAvailable() {
        if (backend() == Backend.DOCKER) {
            DockerRequirement.requireDocker();
        }
    }

    @BeforeAll
    final void startSharedTopology() {
        if (backendAvailable()) {
            cluster = SentinelCluster.start(sharedSpec());
        }
    }

    @AfterAll
    final void closeSharedTopology() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
