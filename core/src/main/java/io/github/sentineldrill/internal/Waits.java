package io.github.sentineldrill.internal;

import io.github.sentineldrill.ClusterNotHealthyException;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * Polls state until it is as wanted, or a deadline passes. The wait has an alias that names what it waits for, and
 * a timeout says what was still wrong at the end.
 */
public final class Waits {

    private static final Logger LOG = LoggerFactory.getLogger(Waits.class);

    /** Fast enough that a converged local topology is seen within a few milliseconds of converging. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(5);

    private Waits() {
    }

    /**
     * Waits until {@code problems} returns an empty list.
     *
     * @param alias    what is awaited, for example "topology 'mymaster' healthy"
     * @param timeout  the deadline
     * @param problems what is still wrong, in words; empty when the state is as wanted. It may throw a
     *                 {@link RuntimeException} to end the wait at once (for example when a process died)
     * @throws ClusterNotHealthyException at the deadline, with the last problems seen
     */
    public static void until(String alias, Duration timeout, Supplier<List<String>> problems) {
        AtomicReference<List<String>> last = new AtomicReference<>(List.of("not checked yet"));
        try {
            await(alias)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL_INTERVAL)
                    .pollInSameThread()
                    .until(() -> {
                        List<String> now = problems.get();
                        last.set(now);
                        if (LOG.isTraceEnabled()) {
                            LOG.trace("{}: {}", alias, now.isEmpty() ? "reached" : now);
                        }
                        return now.isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            throw new ClusterNotHealthyException(
                    alias + ": not reached within " + Durations.format(timeout) + "; still wrong:\n  - "
                            + String.join("\n  - ", last.get()), e);
        }
    }
}
