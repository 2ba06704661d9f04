package io.github.sentineldrill.internal.docker;

import org.testcontainers.DockerClientFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether Testcontainers finds a working Docker engine, asked once per JVM and awaited for at most
 * {@value #PROBE_TIMEOUT_PROPERTY} (default 20 s): a misconfigured Docker host can keep Testcontainers probing for
 * minutes, and a test run must not wait for that to choose a backend.
 */
public final class DockerEngine {

    static final String PROBE_TIMEOUT_PROPERTY = "sentinel-drill.docker.probe-timeout-seconds";

    private static final CompletableFuture<String> PROBE = new CompletableFuture<>();
    /** The answer once given: a JVM decides once, even if the probe answers after its deadline. */
    private static volatile String answer;

    static {
        Thread probe = new Thread(() -> {
            try {
                PROBE.complete(DockerClientFactory.instance().isDockerAvailable() ? "" : unavailableReason());
            } catch (RuntimeException | Error e) {
                PROBE.complete(String.valueOf(e.getMessage()));
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

    /** Why no engine is usable, in a few words; empty when one is. */
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
            return "Testcontainers found no Docker engine within " + timeout.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for a Docker engine";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause().getMessage());
        }
    }

    private static String unavailableReason() {
        try {
            DockerClientFactory.instance().client();
            return "Testcontainers reports no working Docker engine";
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
