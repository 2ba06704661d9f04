package io.github.sentineldrill.internal.runtime;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.internal.BackendOverride;
import io.github.sentineldrill.internal.docker.DockerBackend;
import io.github.sentineldrill.internal.docker.DockerEngine;
import io.github.sentineldrill.internal.docker.DockerImages;
import io.github.sentineldrill.internal.local.LocalBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;

/**
 * Which backend runs a topology, and why, in words that reach the user whether or not logging is set up: the drill
 * summary, the report files and the JUnit report entries carry {@link #why()}.
 *
 * <p>AUTO takes the backend the build names ({@value BackendOverride#PROPERTY}, {@value BackendOverride#ENVIRONMENT}),
 * else DOCKER when Testcontainers is on the class path, finds a working engine, and the image is there or can be
 * pulled, else LOCAL. Testcontainers is needed only for DOCKER: a LOCAL-only build may exclude it.
 *
 * @param backend LOCAL or DOCKER, never AUTO
 * @param why     how it was chosen, such as {@code "requested"} or {@code "AUTO chose LOCAL: Testcontainers found no
 *                Docker engine: ..."}
 */
public record BackendChoice(Backend backend, String why) {

    private static final Logger LOG = LoggerFactory.getLogger(BackendChoice.class);
    private static final String TESTCONTAINERS = "org.testcontainers.DockerClientFactory";
    /** How long AUTO lets an absent image be pulled before it runs the topology LOCAL instead. */
    private static final Duration AUTO_IMAGE_TIMEOUT = Duration.ofSeconds(15);

    public BackendChoice {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(why, "why");
        if (backend == Backend.AUTO) {
            throw new IllegalArgumentException("a chosen backend is LOCAL or DOCKER");
        }
    }

    /**
     * Chooses a backend for {@code requested}, checking that it can run here.
     *
     * @param image the spec's image, for AUTO's check that it is available
     * @throws ClusterStartException when DOCKER is requested and cannot run, saying why and what to do
     */
    public static BackendChoice choose(Backend requested, String image) {
        Backend wanted = requested;
        String source = "requested";
        if (requested == Backend.AUTO) {
            java.util.Optional<Backend> override = BackendOverride.forAuto();
            if (override.isPresent()) {
                wanted = override.get();
                source = "AUTO set to " + wanted + " by the build (" + BackendOverride.PROPERTY + " or "
                        + BackendOverride.ENVIRONMENT + ")";
            }
        }
        BackendChoice choice = switch (wanted) {
            case LOCAL -> new BackendChoice(Backend.LOCAL, source);
            case DOCKER -> {
                String why = whyDockerCannotRun();
                if (!why.isEmpty()) {
                    throw new ClusterStartException("backend DOCKER cannot run here: " + why
                            + ". Fix that, or use backend LOCAL or AUTO.");
                }
                yield new BackendChoice(Backend.DOCKER, source);
            }
            case AUTO -> auto(image);
        };
        if (requested == Backend.AUTO && source.equals("requested")) {
            LOG.info("Backend {}", choice.why());
        }
        return choice;
    }

    private static BackendChoice auto(String image) {
        String why = whyDockerCannotRun();
        if (!why.isEmpty()) {
            return new BackendChoice(Backend.LOCAL, "AUTO chose LOCAL: " + why);
        }
        try {
            String resolved = DockerImages.ensureAvailable(image, AUTO_IMAGE_TIMEOUT);
            return new BackendChoice(Backend.DOCKER, "AUTO chose DOCKER: Testcontainers found a working Docker engine"
                    + " and image " + resolved);
        } catch (ClusterStartException e) {
            return new BackendChoice(Backend.LOCAL, "AUTO chose LOCAL: Docker works, but " + e.getMessage());
        }
    }

    /** Why DOCKER cannot run here, in words; empty when it can. */
    private static String whyDockerCannotRun() {
        if (!testcontainersPresent()) {
            return "Testcontainers (org.testcontainers:testcontainers) is not on the class path";
        }
        return DockerEngine.whyUnavailable();
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName(TESTCONTAINERS, false, BackendChoice.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** What opens places for topologies on the chosen backend: the binary or the image is found now, once. */
    public NodeBackend.Factory factory(String redisBinary, String image, Duration startTimeout) {
        return backend == Backend.LOCAL ? LocalBackend.factory(redisBinary)
                : DockerBackend.factory(image, startTimeout);
    }

    @Override
    public String toString() {
        return backend + " (" + why + ")";
    }
}
