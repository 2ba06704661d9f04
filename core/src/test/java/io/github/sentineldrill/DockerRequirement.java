package io.github.sentineldrill;

import io.github.sentineldrill.internal.docker.DockerEngine;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where there is no Docker engine, DOCKER tests skip with a reason that says how to run them, unless Docker is
 * required ({@code -Dsentinel-drill.docker.required=true} or {@code SENTINEL_DRILL_DOCKER_REQUIRED=true}, as CI sets),
 * in which case they fail.
 */
public final class DockerRequirement {

    /**
     * The resource lock of classes that drive the Docker engine: they run one at a time, beside LOCAL classes. Two at
     * once on a 2-core machine made the engine take 11 s for a container restart, which no fault test can tell from a
     * failure.
     */
    public static final String ENGINE = "docker-engine";

    private DockerRequirement() {
    }

    public static void requireDocker() {
        if (DockerEngine.isAvailable()) {
            return;
        }
        boolean required = Boolean.getBoolean("sentinel-drill.docker.required")
                || "true".equalsIgnoreCase(System.getenv("SENTINEL_DRILL_DOCKER_REQUIRED"));
        String why = DockerEngine.whyUnavailable();
        if (required) {
            fail("Docker is required (sentinel-drill.docker.required) but Testcontainers finds no engine: " + why);
        }
        assumeTrue(false, "no Docker engine (" + why + "): start one to run the DOCKER tests;"
                + " set SENTINEL_DRILL_DOCKER_REQUIRED=true to make its absence fail");
    }
}
