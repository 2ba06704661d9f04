package io.github.sentineldrill.internal.report;

import java.time.Duration;
import java.util.Objects;

/**
 * A span of a drill's timeline: {@code detection}, {@code election}, {@code promotion} or {@code client recovery}.
 *
 * @param name  one of {@link Phases#NAMES}
 * @param start from the fault's injection
 * @param end   from the fault's injection, not before {@code start}
 */
public record Phase(String name, Duration start, Duration end) {

    public Phase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException(name + " ends at " + end + ", before it starts at " + start);
        }
    }
}
