package io.github.sentineldrill.internal.docker;

import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers finds a working Docker engine, and why not. */
public final class DockerEngine {

    private DockerEngine() {
    }

    public static boolean isAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    /** A short reason, for logs and errors. */
    public static String whyUnavailable() {
        try {
            DockerClientFactory.instance().client();
            return "none";
        } catch (RuntimeException | Error e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }
}
