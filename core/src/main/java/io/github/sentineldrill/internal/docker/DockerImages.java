package io.github.sentineldrill.internal.docker;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.internal.Durations;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The image of the DOCKER backend: the spec's {@code image}, else the system property {@value #PROPERTY}, else the
 * environment variable {@value #ENVIRONMENT}, else {@value #DEFAULT_IMAGE}. Testcontainers' image name substitution
 * applies to whichever is chosen.
 *
 * <p>The default is the official {@code redis:7.2} image: the last Redis line released under the BSD license, widely
 * deployed, and with Sentinel's hostname support (6.2+) and {@code SENTINEL DEBUG} (7.0+).
 */
public final class DockerImages {

    public static final String PROPERTY = "sentinel-drill.image";
    public static final String ENVIRONMENT = "SENTINEL_DRILL_IMAGE";
    public static final String DEFAULT_IMAGE = "redis:7.2";

    /** Images found present, by requested name: AUTO and the start that follows it ask for the same one. */
    private static final Map<String, String> AVAILABLE = new ConcurrentHashMap<>();

    private DockerImages() {
    }

    /**
     * The image the spec asks for, present on the Docker host: found there, or pulled within {@code timeout}
     * (Testcontainers' image name substitution applies).
     *
     * @return the image name as Testcontainers resolved it
     * @throws ClusterStartException when it is neither present nor pulled in time, saying how to provide one
     */
    public static String ensureAvailable(ClusterSpec spec, Duration timeout) {
        String image = resolve(spec);
        String known = AVAILABLE.get(image);
        if (known != null) {
            return known;
        }
        try {
            String resolved = new RemoteDockerImage(DockerImageName.parse(image))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            AVAILABLE.put(image, resolved);
            return resolved;
        } catch (TimeoutException e) {
            throw unavailable(image, "not on the Docker host, and not pulled within " + Durations.format(timeout), e);
        } catch (RuntimeException e) {
            throw unavailable(image, e.getMessage(), e);
        }
    }

    private static ClusterStartException unavailable(String image, String why, Exception cause) {
        return new ClusterStartException("Docker image " + image + " is not available: " + why + ". Pull it, choose"
                + " another with the image attribute, -D" + PROPERTY + " or " + ENVIRONMENT + ", or build one"
                + " without a registry (see build-local-redis-image.sh in the sentinel-drill-core jar).", cause);
    }

    static String resolve(ClusterSpec spec) {
        if (!spec.image().isBlank()) {
            return spec.image().trim();
        }
        String property = System.getProperty(PROPERTY, "");
        if (!property.isBlank()) {
            return property.trim();
        }
        String environment = System.getenv().getOrDefault(ENVIRONMENT, "");
        return environment.isBlank() ? DEFAULT_IMAGE : environment.trim();
    }
}
