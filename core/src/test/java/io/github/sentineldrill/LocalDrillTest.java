package io.github.sentineldrill;

/** Drills on the LOCAL backend (Redis 7.0 from the PATH, and 6.2 from the embedded-redis jar). */
class LocalDrillTest extends DrillContract {

    @Override
    Backend backend() {
        return Backend.LOCAL;
    }
}
