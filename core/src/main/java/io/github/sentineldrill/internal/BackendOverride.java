package io.github.sentineldrill.internal;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.InvalidClusterSpecException;

import java.util.Locale;
import java.util.Optional;

/**
 * The backend a build asks AUTO to use: the system property {@value #PROPERTY}, else the environment variable
 * {@value #ENVIRONMENT}, each {@code LOCAL}, {@code DOCKER} or {@code AUTO} (any case). It lets one suite run on both
 * backends (two Surefire executions) without editing its annotations; an explicit LOCAL or DOCKER in a spec wins.
 */
public final class BackendOverride {

    public static final String PROPERTY = "sentinel-drill.backend";
    public static final String ENVIRONMENT = "SENTINEL_DRILL_BACKEND";

    private BackendOverride() {
    }

    /** The backend to use instead of AUTO, if the build names one. */
    public static Optional<Backend> forAuto() {
        String property = System.getProperty(PROPERTY, "").trim();
        if (!property.isEmpty()) {
            return Optional.of(parse("system property " + PROPERTY, property));
        }
        String environment = System.getenv().getOrDefault(ENVIRONMENT, "").trim();
        if (!environment.isEmpty()) {
            return Optional.of(parse("environment variable " + ENVIRONMENT, environment));
        }
        return Optional.empty();
    }

    static Backend parse(String source, String value) {
        try {
            return Backend.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidClusterSpecException(source, value, "one of AUTO, LOCAL, DOCKER");
        }
    }
}
