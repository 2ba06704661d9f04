package com.example.compat;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.RedisTopology;
import io.github.sentineldrill.drill.FailoverReport;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One row of the compatibility table: what this cell's build resolved (read from the classes it runs on, not from its
 * POM) and what its drill measured. Rows go to the file the system property {@code cell.out} names.
 */
public final class Cell {

    private Cell() {
    }

    /** Checks the Java version the cell chose, if any; call first. */
    public static void checkJava() {
        String wanted = System.getProperty("cell.java", "");
        if (!wanted.isBlank()) {
            assertThat(Runtime.version().feature()).as("the Java version this cell runs on")
                    .isEqualTo(Integer.parseInt(wanted.trim()));
        }
    }

    /**
     * Checks the backend the cell is about, if it names one ({@code cell.backend.expected}, and words of the reason in
     * {@code cell.backend.reason}). A DOCKER cell where Docker does not work is skipped, unless the build requires
     * Docker ({@code SENTINEL_DRILL_DOCKER_REQUIRED=true}, as CI does).
     */
    public static void checkBackend(RedisTopology cluster) {
        String expected = System.getProperty("cell.backend.expected", "");
        if (expected.isBlank()) {
            return;
        }
        if (expected.equals("DOCKER") && cluster.backend() != Backend.DOCKER
                && !Boolean.parseBoolean(System.getenv("SENTINEL_DRILL_DOCKER_REQUIRED"))) {
            Assumptions.abort("This cell is about the DOCKER backend, and Docker does not work here: "
                    + cluster.backendChoice());
        }
        assertThat(cluster.backend()).as("the backend (%s)", cluster.backendChoice()).hasToString(expected);
        assertThat(cluster.backendChoice()).contains(System.getProperty("cell.backend.reason", ""));
    }

    /** Writes this cell's row for a drill. */
    public static void record(String topology, RedisTopology cluster, FailoverReport report) {
        String drill = report.fault() + ": " + (report.recovered() ? "recovered" : "NOT recovered")
                + ", failover " + report.failoverTimeIfAny().map(d -> d.toMillis() + " ms").orElse("not measured")
                + ", client recovery " + report.clientRecoveryTimeIfAny().map(d -> d.toMillis() + " ms")
                .orElse("not measured")
                + ", lost " + (report.lostWritesIfVerified().isPresent()
                ? String.valueOf(report.lostWritesIfVerified().getAsLong()) : "not measured");
        row(topology + " on " + cluster.backend(), drill);
    }

    /** Writes this cell's row for something other than a drill. */
    public static void row(String topology, String outcome) {
        List<String> also = new ArrayList<>();
        version("org.redisson.Redisson").ifPresent(v -> also.add("Redisson " + v));
        version("redis.clients.jedis.Jedis").ifPresent(v -> also.add("Jedis " + v));
        String stack = System.getProperty("cell.stack", "-");
        if (!stack.isBlank() && !stack.equals("-")) {
            also.add(0, stack);
        }
        String line = String.join(" | ", "", System.getProperty("cell.name", "?"), topology,
                Runtime.version().toString(), version("org.junit.jupiter.api.Test").orElse("?"),
                version("io.lettuce.core.RedisClient").orElse("absent"), nettyVersion().orElse("absent"),
                version("org.testcontainers.DockerClientFactory").orElse("absent"),
                also.isEmpty() ? "-" : String.join(", ", also), outcome, "").trim();
        String out = System.getProperty("cell.out");
        if (out == null) {
            System.out.println(line);
            return;
        }
        try {
            Files.writeString(Path.of(out), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The version of the jar that holds {@code className}: its manifest's, else its Maven {@code pom.properties}'s;
     * empty when the class is absent.
     */
    private static Optional<String> version(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, Cell.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        String version = type.getPackage().getImplementationVersion();
        if (version == null) {
            version = pomVersion(type).orElse("?");
        }
        int commit = version.indexOf('/');     // Lettuce: 6.8.2.RELEASE/34f8700
        return Optional.of(commit > 0 ? version.substring(0, commit) : version);
    }

    private static Optional<String> pomVersion(Class<?> type) {
        try {
            URL location = type.getProtectionDomain().getCodeSource().getLocation();
            try (JarFile jar = new JarFile(new File(location.toURI()))) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                        Properties properties = new Properties();
                        try (InputStream in = jar.getInputStream(entry)) {
                            properties.load(in);
                        }
                        return Optional.ofNullable(properties.getProperty("version"));
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> nettyVersion() {
        try {
            return Optional.ofNullable(io.netty.util.Version.identify().get("netty-common"))
                    .map(io.netty.util.Version::artifactVersion);
        } catch (LinkageError e) {
            return Optional.empty();
        }
    }
}
