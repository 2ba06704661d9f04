package io.github.sentineldrill.internal;

import java.time.Instant;
import java.util.Optional;

/**
 * A process as an owner of leftovers: its pid and start time, so that a pid reused by another process is not taken
 * for the owner.
 */
public final class ProcessOwner {

    private ProcessOwner() {
    }

    /** {@code pid/start-millis} of this JVM. */
    public static String current() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + "/" + startMillis(self).orElse(0L);
    }

    /** Whether the process {@code pid}, started at {@code startMillis} (0 if unknown), no longer runs. */
    public static boolean isGone(long pid, long startMillis) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isEmpty() || !process.get().isAlive()
                || (startMillis != 0L && startMillis(process.get()).map(s -> s != startMillis).orElse(false));
    }

    /** {@link #isGone(long, long)} for a {@code pid/start-millis} string; false if it cannot be read. */
    public static boolean isGone(String owner) {
        String[] parts = owner.trim().split("[/\\s]+");
        try {
            return isGone(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0L);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }
}
