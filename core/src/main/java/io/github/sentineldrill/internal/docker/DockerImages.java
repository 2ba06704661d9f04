package io.github.sentineldrill.internal.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.internal.Durations;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The image of the DOCKER backend: the spec's {@code image}, else the system property {@value #PROPERTY}, else the
 * environment variable {@value #ENVIRONMENT}, else {@value #DEFAULT_IMAGE}. Testcontainers' image name substitution
 * applies to whichever is chosen.
 *
 * <p>An image absent from the engine is pulled by the engine directly, not through Testcontainers' retries: the
 * engine says at once why a pull fails ({@code pull access denied}, {@code no such host}), and that is what the error
 * says. The default is the official {@code redis:7.2} image: the last Redis line released under the BSD license,
 * widely deployed, with Sentinel's hostname support (6.2+) and {@code SENTINEL DEBUG} (7.0+).
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
     * The image {@code requested} names (or the configured default when blank), present on the Docker host: found
     * there, or pulled within {@code timeout}.
     *
     * @return the image name as Testcontainers' substitution made it
     * @throws ClusterStartException when it is neither present nor pulled, with the engine's reason
     */
    public static String ensureAvailable(String requested, Duration timeout) {
        String image = resolve(requested);
        String known = AVAILABLE.get(image);
        if (known != null) {
            return known;
        }
        String resolved = substituted(image);
        Optional<String> missing = presentOrPulled(DockerClientFactory.instance().client(), resolved, timeout);
        if (missing.isPresent()) {
            throw new ClusterStartException("Docker image " + resolved + (resolved.equals(image) ? "" : " (for " + image
                    + ")") + " is not available: " + missing.get() + ". Pull it, choose another with the image"
                    + " attribute, -D" + PROPERTY + " or " + ENVIRONMENT + ", or build one without a registry (see"
                    + " build-local-redis-image.sh in the sentinel-drill-core jar).");
        }
        AVAILABLE.put(image, resolved);
        return resolved;
    }

    /** {@code image} after Testcontainers' image name substitution. */
    static String substituted(String image) {
        return ImageNameSubstitutor.instance().apply(DockerImageName.parse(image)).asCanonicalNameString();
    }

    /**
     * Checks that {@code image} is on the engine, pulling it if not.
     *
     * @return why it is not available (the engine's words), or empty when it is
     */
    static Optional<String> presentOrPulled(DockerClient engine, String image, Duration timeout) {
        try {
            engine.inspectImageCmd(image).exec();
            return Optional.empty();
        } catch (NotFoundException absent) {
            // Pull it below.
        }
        try {
            boolean done = engine.pullImageCmd(image).exec(new PullImageResultCallback())
                    .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                return Optional.of("it is not on the Docker host, and pulling it did not finish within "
                        + Durations.format(timeout));
            }
            engine.inspectImageCmd(image).exec();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while pulling it");
        } catch (RuntimeException e) {
            return Optional.of("it is not on the Docker host, and the engine could not pull it: "
                    + engineMessage(e));
        }
    }

    /** The engine's own words in a docker-java failure ("Status 404: {"message":"pull access denied ..."}"). */
    static String engineMessage(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).strip();
        int json = message.indexOf("{\"message\":\"");
        if (json >= 0) {
            int start = json + "{\"message\":\"".length();
            int end = message.indexOf("\"}", start);
            if (end > start) {
                return message.substring(start, end).replace("\\\"", "\"");
            }
        }
        return message;
    }

    static String resolve(String requested) {
        if (!requested.isBlank()) {
            return requested.trim();
        }
        String property = System.getProperty(PROPERTY, "");
        if (!property.isBlank()) {
            return property.trim();
        }
        String environment = System.getenv().getOrDefault(ENVIRONMENT, "");
        return environment.isBlank() ? DEFAULT_IMAGE : environment.trim();
    }
}
