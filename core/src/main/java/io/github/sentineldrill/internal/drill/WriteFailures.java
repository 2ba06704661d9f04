package io.github.sentineldrill.internal.drill;

import io.github.sentineldrill.drill.WriteOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies what a write threw, for Lettuce, Jedis, Redisson and Spring Data Redis alike, by what it means:
 *
 * <ul>
 *   <li>failed, definitely not applied: the client refused to send it or could not connect, or the server answered
 *       with an error ({@code READONLY}, {@code NOREPLICAS}, {@code CLUSTERDOWN}, {@code MOVED} after the redirects,
 *       {@code LOADING}, ...);</li>
 *   <li>indeterminate, it may have been applied: a timeout after it was sent, or a connection lost after it was
 *       sent;</li>
 *   <li>anything else is indeterminate: a write that cannot be shown not to have been applied is not counted
 *       failed.</li>
 * </ul>
 * Classes are matched by their full names, so that none of the libraries is needed on the class path. The cause
 * chain is read from the innermost exception outwards: a wrapper ({@code RedisSystemException},
 * {@code ExecutionException}, ...) says less than what it wraps.
 */
public final class WriteFailures {

    /** Lettuce: a connection could not be made. */
    private static final String LETTUCE_CONNECTION = "io.lettuce.core.RedisConnectionException";
    /** Lettuce: the server answered with an error (and its subclasses: busy, loading, read-only, no script). */
    private static final String LETTUCE_ERROR_REPLY = "io.lettuce.core.RedisCommandExecutionException";
    private static final String LETTUCE_TIMEOUT = "io.lettuce.core.RedisCommandTimeoutException";
    private static final String LETTUCE_ANY = "io.lettuce.core.RedisException";

    /** Jedis: error replies ({@code JedisDataException} and its subclasses, CLUSTERDOWN and MOVED among them). */
    private static final String JEDIS_ERROR_REPLY = "redis.clients.jedis.exceptions.JedisDataException";
    private static final String JEDIS_CONNECTION = "redis.clients.jedis.exceptions.JedisConnectionException";

    /** Redisson: the command could not be written into a connection. */
    private static final String REDISSON_NOT_WRITTEN = "org.redisson.client.WriteRedisConnectionException";
    private static final String REDISSON_CONNECTION = "org.redisson.client.RedisConnectionException";
    private static final String REDISSON_TIMEOUT = "org.redisson.client.RedisTimeoutException";
    private static final String REDISSON_RESPONSE_TIMEOUT = "org.redisson.client.RedisResponseTimeoutException";
    /** Redisson: error replies the server sent. */
    private static final Set<String> REDISSON_ERROR_REPLIES = Set.of(
            "org.redisson.client.RedisReadonlyException", "org.redisson.client.RedisRetryException",
            "org.redisson.client.RedisRedirectException", "org.redisson.client.RedisOutOfMemoryException",
            "org.redisson.client.RedisNoScriptException");

    /** Spring Data Redis: a connection could not be made (when it wraps nothing more telling). */
    private static final String SPRING_CONNECTION = "org.springframework.data.redis.RedisConnectionFailureException";
    private static final String SPRING_TIMEOUT = "org.springframework.dao.QueryTimeoutException";

    private WriteFailures() {
    }

    public static WriteOutcome classify(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t) && chain.size() < 32; t = t.getCause()) {
            chain.add(t);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            Optional<WriteOutcome> outcome = classifyOne(chain.get(i));
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        return WriteOutcome.INDETERMINATE;
    }

    private static Optional<WriteOutcome> classifyOne(Throwable t) {
        String message = String.valueOf(t.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (is(t, "java.net.ConnectException") || is(t, "java.net.NoRouteToHostException")) {
            return failed();
        }
        if (is(t, "java.net.SocketTimeoutException")) {
            return lower.contains("connect") ? failed() : indeterminate();
        }
        if (is(t, LETTUCE_ERROR_REPLY) || is(t, JEDIS_ERROR_REPLY) || isAny(t, REDISSON_ERROR_REPLIES)) {
            return failed();
        }
        if (is(t, LETTUCE_TIMEOUT) || is(t, REDISSON_RESPONSE_TIMEOUT) || is(t, SPRING_TIMEOUT)) {
            return indeterminate();
        }
        if (is(t, REDISSON_NOT_WRITTEN)) {
            return failed();
        }
        if (is(t, REDISSON_TIMEOUT)) {
            // "Unable to acquire connection", "Command still hasn't been written into connection": never sent.
            return lower.contains("unable to acquire connection") || lower.contains("hasn't been written")
                    ? failed() : indeterminate();
        }
        if (is(t, REDISSON_CONNECTION) || is(t, LETTUCE_CONNECTION)) {
            return failed();
        }
        if (is(t, JEDIS_CONNECTION)) {
            // Thrown before and after sending: by its message.
            return lower.contains("failed to connect") || lower.contains("could not get a resource")
                    || lower.contains("failed connecting") ? failed() : indeterminate();
        }
        if (is(t, LETTUCE_ANY) && (message.startsWith("Currently not connected")
                || message.contains("Commands are rejected"))) {
            return failed();    // Lettuce with DisconnectedBehavior.REJECT_COMMANDS
        }
        if (is(t, SPRING_CONNECTION)) {
            return failed();
        }
        return Optional.empty();
    }

    private static Optional<WriteOutcome> failed() {
        return Optional.of(WriteOutcome.FAILED);
    }

    private static Optional<WriteOutcome> indeterminate() {
        return Optional.of(WriteOutcome.INDETERMINATE);
    }

    private static boolean isAny(Throwable t, Set<String> classNames) {
        return classNames.stream().anyMatch(name -> is(t, name));
    }

    /** Whether {@code t} is an instance of the class named {@code className}, without loading it. */
    static boolean is(Throwable t, String className) {
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
