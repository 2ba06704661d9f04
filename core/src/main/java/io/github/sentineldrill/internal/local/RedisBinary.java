package io.github.sentineldrill.internal.local;

import java.nio.file.Path;

/**
 * A {@code redis-server} executable and what it is.
 *
 * @param path    the executable; run with {@code --sentinel} it is a sentinel
 * @param version the version it reports, such as {@code 7.0.15}
 * @param source  where it was found, in words, for logs
 */
record RedisBinary(Path path, String version, String source) {

    /** The major version, such as 7 for {@code 7.0.15}. */
    int majorVersion() {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    @Override
    public String toString() {
        return "redis-server " + version + " (" + source + ": " + path + ")";
    }
}
