package io.github.sentineldrill;

import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

/**
 * A shared topology of the classic shape (1 master, 2 replicas, 3 sentinels, quorum 2, down-after 1000 ms), reset
 * before each test, so that each starts healthy whatever the last one did to it.
 */
abstract class FailoverTopologyContract extends SharedTopologyContract {

    static final Duration DOWN_AFTER = Duration.ofMillis(1000);

    @Override
    ClusterSpec.Builder spec() {
        return super.spec().replicas(2).sentinels(3).quorum(2).downAfter(DOWN_AFTER);
    }

    @Override
    ClusterSpec sharedSpec() {
        return spec().build();
    }

    @BeforeEach
    final void healthyTopology() {
        assumeBackendAvailable();
        cluster.reset();
    }
}
