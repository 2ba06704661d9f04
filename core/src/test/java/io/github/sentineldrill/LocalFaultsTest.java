package io.github.sentineldrill;

/** Every fault on the LOCAL backend (Redis 7.0 from the PATH, and 6.2 from the embedded-redis jar). */
class LocalFaultsTest extends FaultsContract {

    @Override
    Backend backend() {
        return Backend.LOCAL;
    }
}
