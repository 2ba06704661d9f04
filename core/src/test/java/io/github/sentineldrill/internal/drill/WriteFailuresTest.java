package io.github.sentineldrill.internal.drill;

import io.github.sentineldrill.drill.WriteOutcome;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The classification rule on the exceptions Lettuce throws, and on the names Jedis and Spring use. */
class WriteFailuresTest {

    @Test
    void lettuceRefusalsAreFailedAndTimeoutsAndLostConnectionsIndeterminate() {
        assertThat(WriteFailures.classify(new RedisException("Currently not connected. Commands are rejected.")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new RedisConnectionException("Unable to connect")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new RedisCommandExecutionException("READONLY You can't write")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new RedisCommandTimeoutException("Command timed out")))
                .isEqualTo(WriteOutcome.INDETERMINATE);
        assertThat(WriteFailures.classify(new RedisException("Connection closed")))
                .isEqualTo(WriteOutcome.INDETERMINATE);
        assertThat(WriteFailures.classify(new IllegalStateException("something else")))
                .isEqualTo(WriteOutcome.INDETERMINATE);
    }

    @Test
    void wrappersAreLookedThroughToTheirCause() {
        assertThat(WriteFailures.classify(new ExecutionException(new ConnectException("refused"))))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new RuntimeException(new RedisCommandTimeoutException("late"))))
                .isEqualTo(WriteOutcome.INDETERMINATE);
    }

    @Test
    void jedisAndSpringAreRecognisedByName() {
        assertThat(WriteFailures.classify(new JedisConnectionException("Failed to connect to any host")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new JedisConnectionException("Unexpected end of stream.")))
                .isEqualTo(WriteOutcome.INDETERMINATE);
        assertThat(WriteFailures.classify(new JedisDataException("NOREPLICAS Not enough good replicas")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new RedisConnectionFailureException("Unable to connect")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new QueryTimeoutException("Redis command timed out")))
                .isEqualTo(WriteOutcome.INDETERMINATE);
    }

    // Same simple names as the Jedis and Spring Data Redis exceptions, which are not on this classpath.
    private static final class JedisConnectionException extends RuntimeException {
        JedisConnectionException(String message) {
            super(message);
        }
    }

    private static final class JedisDataException extends RuntimeException {
        JedisDataException(String message) {
            super(message);
        }
    }

    private static final class RedisConnectionFailureException extends RuntimeException {
        RedisConnectionFailureException(String message) {
            super(message);
        }
    }

    private static final class QueryTimeoutException extends RuntimeException {
        QueryTimeoutException(String message) {
            super(message);
        }
    }
}
