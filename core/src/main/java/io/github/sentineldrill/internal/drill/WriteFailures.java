package io.github.sentineldrill.internal.drill;

import io.github.sentineldrill.drill.WriteOutcome;

import java.net.ConnectException;
import java.util.Set;

/**
 * Classifies what a write threw, for Lettuce, Jedis and Spring Data Redis alike (matched by class name, so that none
 * of them is needed on the classpath):
 *
 * <ul>
 *   <li>failed, the write was refused or never sent: the client was not connected and rejected it, a connection could
 *       not be made, or the server answered with an error ({@code READONLY}, {@code NOREPLICAS}, {@code LOADING}, ...);
 *   </li>
 *   <li>indeterminate, it may have been applied: a timeout, or a connection lost after the write was sent;</li>
 *   <li>anything else is indeterminate: a write that cannot be shown not to have been applied is not counted
 *       failed.</li>
 * </ul>
 * Wrappers (Spring's {@code RedisSystemException}, {@code ExecutionException}, ...) are looked through to their cause.
 */
public final class WriteFailures {

    /** Thrown when the client refused to send, or could not connect. */
    private static final Set<String> NOT_SENT = Set.of(
            "RedisConnectionException",            // Lettuce: connect failed
            "RedisConnectionFailureException");    // Spring Data Redis
    /** Error replies from the server: the command ran and was refused. */
    private static final Set<String> ERROR_REPLIES = Set.of(
            "RedisCommandExecutionException",      // Lettuce
            "RedisBusyException", "RedisLoadingException", "RedisNoScriptException", "RedisReadOnlyException",
            "JedisDataException",                  // Jedis
            "InvalidDataAccessApiUsageException"); // Spring, for error replies
    private static final Set<String> TIMEOUTS = Set.of(
            "RedisCommandTimeoutException", "QueryTimeoutException", "SocketTimeoutException", "TimeoutException");

    private WriteFailures() {
    }

    public static WriteOutcome classify(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getSimpleName();
            String message = String.valueOf(t.getMessage());
            if (TIMEOUTS.contains(name)) {
                return WriteOutcome.INDETERMINATE;
            }
            if (ERROR_REPLIES.contains(name)) {
                return WriteOutcome.FAILED;
            }
            if (message.startsWith("Currently not connected") || message.contains("Commands are rejected")) {
                return WriteOutcome.FAILED;        // Lettuce with DisconnectedBehavior.REJECT_COMMANDS
            }
            if (t instanceof ConnectException) {
                return WriteOutcome.FAILED;
            }
            if (NOT_SENT.contains(name)) {
                return WriteOutcome.FAILED;
            }
            if (name.equals("JedisConnectionException")) {   // both before and after sending: by its message
                return message.contains("Failed to connect") || message.contains("Could not get a resource")
                        ? WriteOutcome.FAILED : WriteOutcome.INDETERMINATE;
            }
        }
        return WriteOutcome.INDETERMINATE;
    }
}
