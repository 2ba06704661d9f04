package io.github.sentineldrill.internal.local;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.InvalidClusterSpecException;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.AtomicMove;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code redis-server} of the LOCAL backend, in this order:
 * <ol>
 *   <li>an explicit choice: the spec's {@code redisBinary}, else the system property
 *       {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT}; a path, or
 *       {@value ClusterSpec#EMBEDDED_BINARY} for the embedded binaries;</li>
 *   <li>{@code redis-server} on the {@code PATH};</li>
 *   <li>the binaries inside {@code com.github.codemonstur:embedded-redis} when that jar is on the class path,
 *       extracted once to a cache directory.</li>
 * </ol>
 */
final class RedisBinaryLocator {

    static final String PROPERTY = "sentinel-drill.redis.binary";
    static final String ENVIRONMENT = "SENTINEL_DRILL_REDIS_BINARY";
    static final String CACHE_PROPERTY = "sentinel-drill.cache.dir";

    private static final Pattern VERSION = Pattern.compile("v=(\\d+\\.\\d+\\.\\d+)");
    private static final Map<Path, RedisBinary> PROBED = new ConcurrentHashMap<>();

    private RedisBinaryLocator() {
    }

    /** @param requested the spec's {@code redisBinary}: a path, {@code "embedded"}, or blank to look one up */
    static RedisBinary locate(String requested) {
        Optional<Explicit> explicit = explicitChoice(requested);
        if (explicit.isPresent()) {
            return explicit.get().resolve();
        }
        List<String> tried = new ArrayList<>();
        tried.add("the spec's redisBinary, the system property " + PROPERTY + " and the environment variable "
                + ENVIRONMENT + ": none set");
        Optional<Path> onPath = findOnPath("redis-server");
        if (onPath.isPresent()) {
            return probe(onPath.get(), "PATH");
        }
        tried.add("redis-server on the PATH (" + System.getenv().getOrDefault("PATH", "") + "): not found");
        Optional<RedisBinary> embedded = embedded(tried);
        return embedded.orElseThrow(() -> new SentinelDrillException("No redis-server binary found. Tried:\n  - "
                + String.join("\n  - ", tried)
                + "\nFix it with one of: install Redis (for example 'apt-get install redis-server' or"
                + " 'brew install redis'); add the test dependency com.github.codemonstur:embedded-redis;"
                + " or point redisBinary / -D" + PROPERTY + " / " + ENVIRONMENT + " at a redis-server executable."));
    }

    private record Explicit(String attribute, String value) {
        RedisBinary resolve() {
            if (ClusterSpec.EMBEDDED_BINARY.equals(value)) {
                List<String> tried = new ArrayList<>();
                return embedded(tried).orElseThrow(() -> new InvalidClusterSpecException(attribute, value,
                        "\"embedded\" needs com.github.codemonstur:embedded-redis on the class path with a binary"
                                + " for this platform; " + String.join("; ", tried)));
            }
            Path path = Paths.get(value);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new InvalidClusterSpecException(attribute, value,
                        "a path to an executable redis-server file (this one does not exist or is not executable),"
                                + " or \"" + ClusterSpec.EMBEDDED_BINARY + "\"");
            }
            return probe(path, attribute);
        }
    }

    private static Optional<Explicit> explicitChoice(String requested) {
        if (!requested.isBlank()) {
            return Optional.of(new Explicit("redisBinary", requested.trim()));
        }
        String property = System.getProperty(PROPERTY, "");
        if (!property.isBlank()) {
            return Optional.of(new Explicit("system property " + PROPERTY, property.trim()));
        }
        String environment = System.getenv().getOrDefault(ENVIRONMENT, "");
        if (!environment.isBlank()) {
            return Optional.of(new Explicit("environment variable " + ENVIRONMENT, environment.trim()));
        }
        return Optional.empty();
    }

    private static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Resource names of the embedded-redis jar (1.4.x) for this platform, newest first. */
    static List<String> embeddedResourceNames(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux") && x64) {
            return List.of("redis-server-6.2.6-v5-linux-amd64");
        }
        if (os.contains("linux") && arm64) {
            return List.of("redis-server-6.2.7-linux-arm64");
        }
        if ((os.contains("mac") || os.contains("darwin")) && x64) {
            return List.of("redis-server-6.2.6-v5-darwin-amd64");
        }
        if ((os.contains("mac") || os.contains("darwin")) && arm64) {
            return List.of("redis-server-6.2.6-v5-darwin-arm64");
        }
        return List.of();
    }

    private static Optional<RedisBinary> embedded(List<String> tried) {
        List<String> names = embeddedResourceNames(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (names.isEmpty()) {
            tried.add("the embedded-redis jar: it has no binary for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
            return Optional.empty();
        }
        ClassLoader loader = RedisBinaryLocator.class.getClassLoader();
        for (String name : names) {
            URL resource = loader.getResource(name);
            if (resource != null) {
                return Optional.of(probe(extract(name, resource), "embedded-redis jar"));
            }
        }
        tried.add("the embedded-redis jar: not on the class path (no resource " + String.join(", ", names) + ")");
        return Optional.empty();
    }

    /**
     * Copies a binary out of the jar once. The file name holds the resource's size, so a changed jar extracts
     * anew; concurrent JVMs each write a private temporary file and move it into place atomically.
     */
    private static Path extract(String name, URL resource) {
        try {
            URLConnection connection = resource.openConnection();
            long size = connection.getContentLengthLong();
            Path dir = cacheDir().resolve("redis").resolve(name + "-" + size);
            Path target = dir.resolve("redis-server");
            if (Files.isExecutable(target) && Files.size(target) == size) {
                connection.getInputStream().close();
                return target;
            }
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, "redis-server-", ".partial");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                if (!temporary.toFile().setExecutable(true, false)) {
                    throw new IOException("cannot make " + temporary + " executable");
                }
                AtomicMove.replace(temporary, target);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return target;
        } catch (IOException e) {
            throw new SentinelDrillException("Cannot extract the embedded redis-server " + name + " to "
                    + cacheDir() + " (set -D" + CACHE_PROPERTY + " to a writable directory): " + e.getMessage(), e);
        }
    }

    private static Path cacheDir() {
        String configured = System.getProperty(CACHE_PROPERTY, "");
        if (!configured.isBlank()) {
            return Paths.get(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        Path dir = base.resolve("sentinel-drill");
        if (Files.isWritable(base) || Files.isWritable(dir)) {
            return dir;
        }
        return Paths.get(System.getProperty("java.io.tmpdir"), "sentinel-drill-cache-" + System.getProperty("user.name"));
    }

    /** Runs {@code redis-server --version}, once per binary and JVM. */
    private static RedisBinary probe(Path path, String source) {
        Path absolute = path.toAbsolutePath();
        return PROBED.computeIfAbsent(absolute, p -> new RedisBinary(p, version(p), source));
    }

    private static String version(Path binary) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SentinelDrillException(binary + " --version did not finish within 10 s");
            }
            Matcher matcher = VERSION.matcher(output);
            if (process.exitValue() != 0 || !matcher.find()) {
                throw new SentinelDrillException(binary + " --version does not look like redis-server (exit "
                        + process.exitValue() + "): " + output.strip());
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new SentinelDrillException("Cannot run " + binary + " --version: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SentinelDrillException("Interrupted while running " + binary + " --version", e);
        }
    }
}
