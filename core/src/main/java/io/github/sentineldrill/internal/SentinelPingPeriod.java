package io.github.sentineldrill.internal;

import io.github.sentineldrill.ClusterStartException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shortens the sentinels' ping period while a topology starts, and restores it before the topology is handed out.
 *
 * <p>Sentinels that start together race: the first connection from one sentinel to a peer that is not listening yet
 * is refused, and Sentinel retries a link only once per ping period (1 s). Redis 7.0 and later let
 * {@code SENTINEL DEBUG ping-period} lower that period, so the links come up within milliseconds. Older versions do
 * not have the command; their sentinels simply take that second. After {@link #close()} each sentinel runs with the
 * ping period it had before, so failovers behave as in production.
 */
public final class SentinelPingPeriod implements AutoCloseable {

    private static final String PARAMETER = "ping-period";
    private static final String STARTUP_PERIOD_MILLIS = "10";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Map<NodeHandle, String> previous = new LinkedHashMap<>();
    private final Set<NodeHandle> seen = new HashSet<>();

    /** Lowers the ping period of {@code sentinel}, once, if its version supports it; otherwise does nothing. */
    public void shorten(NodeHandle sentinel) {
        if (!seen.add(sentinel)) {
            return;
        }
        try (RespConnection connection = RespConnection.open(sentinel.reachableAddress(), TIMEOUT)) {
            String period = valueOf(connection.call("SENTINEL", "DEBUG"), PARAMETER);
            if (period != null) {
                connection.call("SENTINEL", "DEBUG", PARAMETER, STARTUP_PERIOD_MILLIS);
                previous.put(sentinel, period);
            }
        } catch (RespConnection.RespErrorReply unsupported) {
            // Redis before 7.0: no SENTINEL DEBUG. Startup takes about one ping period longer.
        } catch (IOException e) {
            throw new ClusterStartException("Could not tune " + sentinel.name() + " for startup: " + e.getMessage(), e);
        }
    }

    /**
     * Restores each sentinel's ping period.
     *
     * @throws ClusterStartException when a sentinel cannot be restored: it would otherwise behave unlike production
     */
    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        previous.forEach((sentinel, period) -> {
            try (RespConnection connection = RespConnection.open(sentinel.reachableAddress(), TIMEOUT)) {
                connection.call("SENTINEL", "DEBUG", PARAMETER, period);
            } catch (IOException e) {
                failures.add(sentinel.name() + ": " + e.getMessage());
            }
        });
        if (!failures.isEmpty()) {
            throw new ClusterStartException("Could not restore the sentinels' " + PARAMETER + ": " + failures);
        }
    }

    private static String valueOf(Object debugReply, String parameter) {
        if (debugReply instanceof List<?> pairs) {
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                if (parameter.equalsIgnoreCase(String.valueOf(pairs.get(i)))) {
                    return String.valueOf(pairs.get(i + 1));
                }
            }
        }
        return null;
    }
}
