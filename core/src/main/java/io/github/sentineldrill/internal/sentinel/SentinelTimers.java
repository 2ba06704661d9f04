package io.github.sentineldrill.internal.sentinel;

import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.node.NodeHandle;
import io.github.sentineldrill.internal.resp.RespConnection;
import io.github.sentineldrill.internal.resp.RespErrorReply;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shortens some of the sentinels' periodic timers while the library brings a topology to a known state, and restores
 * them before the topology is handed back to the test.
 *
 * <p>Sentinels that start together race: the first connection from one sentinel to a peer that is not listening yet
 * is refused, and Sentinel retries a link, and clears a node's down flag, only once per ping period (1 s); after a
 * {@code SENTINEL RESET} it rediscovers replicas only at its next {@code INFO} of the master (every 10 s) and its peers
 * only from their hello messages (every 2 s). Redis 7.0 and
 * later let {@code SENTINEL DEBUG} lower those periods, so the state converges within milliseconds. Older versions do
 * not have the command; their sentinels simply take those seconds. After {@link #close()} each sentinel runs with the
 * timers it had before, so failovers behave as in production.
 */
final class SentinelTimers implements AutoCloseable {

    private static final String SHORT_PERIOD_MILLIS = "10";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<String> parameters;
    private final Map<NodeHandle, Map<String, String>> previous = new LinkedHashMap<>();
    private final Set<NodeHandle> seen = new HashSet<>();

    private SentinelTimers(List<String> parameters) {
        this.parameters = parameters;
    }

    /** While a topology starts: links between sentinels come up at once. */
    static SentinelTimers forStartup() {
        return new SentinelTimers(List.of("ping-period"));
    }


    /**
     * While a topology is reset: restarted nodes are seen at once, and reset sentinels find the replicas (from the
     * master's INFO, otherwise read every 10 s) and each other (from hello messages) at once.
     */
    static SentinelTimers forReset() {
        return new SentinelTimers(List.of("ping-period", "publish-period", "info-period"));
    }

    /** Lowers the timers of {@code sentinel}, once, if its version supports it; otherwise does nothing. */
    void shorten(NodeHandle sentinel) {
        if (!seen.add(sentinel)) {
            return;
        }
        try (RespConnection connection = RespConnection.open(sentinel.reachableAddress(), TIMEOUT)) {
            Object debug = connection.call("SENTINEL", "DEBUG");
            Map<String, String> before = new LinkedHashMap<>();
            for (String parameter : parameters) {
                String period = valueOf(debug, parameter);
                if (period != null) {
                    connection.call("SENTINEL", "DEBUG", parameter, SHORT_PERIOD_MILLIS);
                    before.put(parameter, period);
                }
            }
            previous.put(sentinel, before);
        } catch (RespErrorReply unsupported) {
            // Redis before 7.0: no SENTINEL DEBUG. Converging takes a ping or publish period longer.
        } catch (IOException e) {
            throw new SentinelDrillException("Could not tune the timers of " + sentinel.name() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Restores each sentinel's timers.
     *
     * @throws SentinelDrillException when a sentinel cannot be restored: it would otherwise behave unlike production
     */
    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        previous.forEach((sentinel, before) -> {
            try (RespConnection connection = RespConnection.open(sentinel.reachableAddress(), TIMEOUT)) {
                for (Map.Entry<String, String> timer : before.entrySet()) {
                    connection.call("SENTINEL", "DEBUG", timer.getKey(), timer.getValue());
                }
            } catch (IOException e) {
                failures.add(sentinel.name() + ": " + e.getMessage());
            }
        });
        if (!failures.isEmpty()) {
            throw new SentinelDrillException("Could not restore the sentinels' timers " + parameters + ": " + failures);
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
