package io.github.sentineldrill.internal;

import io.github.sentineldrill.ClusterNotHealthyException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writers' lookup of their writes waits out a client's errors, and names the last one when it gives up. */
class LettuceClientsTest {

    @Test
    void aLookupThatFailsTwiceIsAskedAgainUntilItAnswers() {
        AtomicInteger calls = new AtomicInteger();
        String answer = LettuceClients.lookUp("the writes", Duration.ofSeconds(5), () -> {
            if (calls.incrementAndGet() <= 2) {
                throw new RedisException("Currently not connected. Commands are rejected.");
            }
            return "answer";
        });

        assertThat(answer).isEqualTo("answer");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aLookupThatNeverAnswersFailsAtTheDeadlineWithItsLastError() {
        assertThatThrownBy(() -> LettuceClients.lookUp("the writes", Duration.ofMillis(100), () -> {
            throw new RedisCommandTimeoutException("Command timed out after 250 millisecond(s)");
        }))
                .isInstanceOf(ClusterNotHealthyException.class)
                .hasMessageContaining("the writes: not reached within 100 ms")
                .hasMessageContaining("Command timed out after 250 millisecond(s)");
    }

    @Test
    void anErrorThatIsNotTheClientsIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> LettuceClients.lookUp("the writes", Duration.ofSeconds(5), () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class).hasMessage("a bug");
        assertThat(calls).hasValue(1);
    }
}
