package io.github.sentineldrill;

/**
 * Where the processes of a topology run.
 */
public enum Backend {
    /** Docker when a working Docker engine is found, otherwise {@link #LOCAL}; the choice is logged. */
    AUTO,
    /** {@code redis-server} processes on 127.0.0.1, one temporary directory per topology. */
    LOCAL,
    /** One container per node in a Docker network of its own, through Testcontainers. */
    DOCKER
}
