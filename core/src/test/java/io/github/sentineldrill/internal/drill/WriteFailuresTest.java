package io.github.sentineldrill.internal.drill;

import io.github.sentineldrill.drill.WriteOutcome;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;

import org.redisson.client.RedisClusterDownException;
import org.redisson.client.RedisReadonlyException;
import org.redisson.client.RedisResponseTimeoutException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.WriteRedisConnectionException;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisMovedDataException;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The classification rule on the exceptions Lettuce, Jedis and Redisson really throw. */
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
    void jedisExceptionsAreClassifiedByWhatTheyMean() {
        assertThat(WriteFailures.classify(new JedisConnectionException("Failed to connect to any host")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new JedisConnectionException("Unexpected end of stream.")))
                .isEqualTo(WriteOutcome.INDETERMINATE);
        assertThat(WriteFailures.classify(new JedisDataException("NOREPLICAS Not enough good replicas")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new JedisClusterException("CLUSTERDOWN The cluster is down")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new JedisMovedDataException("MOVED 1 127.0.0.1:1",
                new redis.clients.jedis.HostAndPort("127.0.0.1", 1), 1))).isEqualTo(WriteOutcome.FAILED);
    }

    /** Redisson's: not written is failed, a response timeout indeterminate, error replies failed. */
    @Test
    void redissonExceptionsAreClassifiedByWhatTheyMeanNotBySimpleName() {
        assertThat(WriteFailures.classify(new WriteRedisConnectionException("Unable to write command into connection!")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new org.redisson.client.RedisConnectionException("Unable to connect")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new RedisResponseTimeoutException("Redis server response timeout")))
                .isEqualTo(WriteOutcome.INDETERMINATE);
        assertThat(WriteFailures.classify(new RedisTimeoutException("Unable to acquire connection! ...")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new RedisTimeoutException("Command still hasn't been written into"
                + " connection! Try to increase nettyThreads setting.")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new RedisTimeoutException("Command execution timeout for command: ...")))
                .isEqualTo(WriteOutcome.INDETERMINATE);
        assertThat(WriteFailures.classify(new RedisReadonlyException("READONLY You can't write against a replica")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new RedisClusterDownException("CLUSTERDOWN The cluster is down")))
                .isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new org.redisson.client.RedisException("Unexpected exception")))
                .isEqualTo(WriteOutcome.INDETERMINATE);
    }

    @Test
    void theInnermostKnownCauseDecidesOverAWrapper() {
        RuntimeException springLike = new RuntimeException("Error in execution",
                new RedisCommandExecutionException("READONLY You can't write"));
        assertThat(WriteFailures.classify(springLike)).isEqualTo(WriteOutcome.FAILED);
        assertThat(WriteFailures.classify(new RedisConnectionException("Unable to connect",
                new java.net.SocketTimeoutException("Read timed out")))).isEqualTo(WriteOutcome.INDETERMINATE);
        assertThat(WriteFailures.classify(new RedisConnectionException("Unable to connect",
                new java.net.SocketTimeoutException("connect timed out")))).isEqualTo(WriteOutcome.FAILED);
    }
}
