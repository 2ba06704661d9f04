package io.github.sentineldrill.internal.docker;

import com.github.dockerjava.api.DockerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether Testcontainers can run containers here, asked once per JVM in the background and awaited for at most
 * {@value #PROBE_TIMEOUT_PROPERTY} (default 20 s), with the real cause when it cannot:
 * <ol>
 *   <li>Testcontainers finds an engine (its strategies: {@code DOCKER_HOST}, {@code ~/.testcontainers.properties},
 *       the default socket), or says why not;</li>
 *   <li>unless {@code TESTCONTAINERS_RYUK_DISABLED=true}, Testcontainers starts its Ryuk container before anything
 *       else, so its image must be present or pullable: that is checked with the engine directly, which answers in
 *       milliseconds where Testcontainers would retry a failing pull for minutes;</li>
 *   <li>Testcontainers' own client starts.</li>
 * </ol>
 */
public final class DockerEngine {

    static final String PROBE_TIMEOUT_PROPERTY = "sentinel-drill.docker.probe-timeout-seconds";
    private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);
    private static final Duration RYUK_PULL_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern RYUK_IMAGE = Pattern.compile("testcontainers/ryuk:[0-9A-Za-z._-]+");

    private static final CompletableFuture<String> PROBE = new CompletableFuture<>();
    /** The answer once given: a JVM decides once, even if the probe answers after its deadline. */
    private static volatile String answer;

    static {
        Thread probe = new Thread(() -> {
            try {
                PROBE.complete(probe());
            } catch (RuntimeException | Error e) {
                PROBE.complete("Testcontainers could not start: " + e);
            }
        }, "sentinel-drill-docker-probe");
        probe.setDaemon(true);
        probe.start();
    }

    private DockerEngine() {
    }

    public static boolean isAvailable() {
        return whyUnavailable().isEmpty();
    }

    /** Why no engine is usable, in words that name the cause and the fix; empty when one is. */
    public static String whyUnavailable() {
        String known = answer;
        if (known == null) {
            known = awaitProbe();
            answer = known;
        }
        return known;
    }

    private static synchronized String awaitProbe() {
        if (answer != null) {
            return answer;
        }
        Duration timeout = Duration.ofSeconds(Long.getLong(PROBE_TIMEOUT_PROPERTY, 20L));
        try {
            return PROBE.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "Testcontainers did not answer within " + timeout.toSeconds() + " s" + slowProbeHint();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for a Docker engine";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause().getMessage());
        }
    }

    private static String probe() {
        TransportConfig transport;
        try {
            transport = DockerClientFactory.instance().getTransportConfig();
        } catch (RuntimeException e) {
            return "Testcontainers found no Docker engine: " + e.getMessage();
        }
        String ryukProblem = ryukProblem(transport);
        if (!ryukProblem.isEmpty()) {
            return ryukProblem;
        }
        try {
            DockerClientFactory.instance().client();
            return "";
        } catch (RuntimeException e) {
            return "Testcontainers found the Docker engine at " + transport.getDockerHost() + " but could not use it: "
                    + e.getMessage();
        }
    }

    /** Why Testcontainers' Ryuk container would keep it from starting; empty when it would not. */
    private static String ryukProblem(TransportConfig transport) {
        if (ryukDisabled()) {
            return "";
        }
        String image = ryukImage();
        try (DockerClient engine = DockerClientProviderStrategy.getClientForConfig(transport)) {
            String resolved = DockerImages.substituted(image);
            Optional<String> missing = DockerImages.presentOrPulled(engine, resolved, RYUK_PULL_TIMEOUT);
            return missing.map(why -> "Docker works (" + transport.getDockerHost() + "), but Testcontainers starts"
                    + " its Ryuk container " + resolved + " before any other, and " + why + ". Sentinel Drill"
                    + " removes its own containers, so Ryuk is not needed for its topologies: set"
                    + " TESTCONTAINERS_RYUK_DISABLED=true (or make " + resolved + " available)").orElse("");
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not check Testcontainers' Ryuk image {}: {}", image, e.toString());
            return "";
        }
    }

    private static boolean ryukDisabled() {
        return Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"));
    }

    /** The Ryuk image this Testcontainers uses: named in its RyukContainer class, whatever the version. */
    static String ryukImage() {
        try (InputStream in = DockerClientFactory.class.getResourceAsStream("/org/testcontainers/utility/RyukContainer.class")) {
            if (in != null) {
                Matcher matcher = RYUK_IMAGE.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                if (matcher.find()) {
                    return matcher.group();
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not read Testcontainers' RyukContainer class: {}", e.toString());
        }
        return "testcontainers/ryuk:latest";
    }

    /** What may have held Testcontainers up, for a probe that ran out of time. */
    private static String slowProbeHint() {
        boolean inContainer = Files.exists(Paths.get("/.dockerenv"));
        String override = System.getenv("TESTCONTAINERS_HOST_OVERRIDE");
        if (inContainer && (override == null || override.isBlank())) {
            return " (this JVM runs in a container, where Testcontainers looks for the Docker host's address, and may"
                    + " start a container to find it; if the engine runs on this machine, set"
                    + " TESTCONTAINERS_HOST_OVERRIDE=localhost)";
        }
        return "; set -D" + PROBE_TIMEOUT_PROPERTY + " to wait longer";
    }
}
