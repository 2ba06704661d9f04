package io.github.sentineldrill.internal;

import java.time.Duration;
import java.util.Locale;

/** Durations written the way people read them: {@code 850 ms}, {@code 2.5 s}. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + " s";
        }
        return String.format(Locale.ROOT, "%.3f s", millis / 1_000.0).replaceAll("0+ s$", " s");
    }
}
