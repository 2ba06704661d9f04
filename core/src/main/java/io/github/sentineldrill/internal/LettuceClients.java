package io.github.sentineldrill.internal;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Not API: how the built-in writers look their writes up and let go of their Lettuce clients. */
public final class LettuceClients {

    private static final Logger LOG = LoggerFactory.getLogger(LettuceClients.class);
    /**
     * How long a writer's event loop stays up after its client is shut down, with nothing to do: longer than the
     * writers' 250 ms connect timeout, so that a connection attempt still in flight (a reconnect to a killed node, a
     * topology refresh) times out on a live loop instead of being logged by Netty as a task it had to reject.
     */
    static final long QUIET_MILLIS = 300;
    private static final long TIMEOUT_MILLIS = 2_000;

    /** How long a lookup of the writes may keep failing before the drill calls its writes not verified. */
    static final long LOOKUP_SECONDS = 5;
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(LOOKUP_SECONDS);

    private LettuceClients() {
    }

    /**
     * Runs {@code lookup} until it answers, for at most {@value #LOOKUP_SECONDS} s: right after a reset a node's
     * connection may still be reconnecting (commands are rejected meanwhile), a command may time out at the writers'
     * 250 ms, or a node may answer {@code TRYAGAIN}. Verification is not timed, so it waits them out.
     *
     * @throws io.github.sentineldrill.ClusterNotHealthyException with the last error, when it never answered
     */
    public static <T> T lookUp(String what, Supplier<T> lookup) {
        return lookUp(what, LOOKUP_TIMEOUT, lookup);
    }

    static <T> T lookUp(String what, Duration timeout, Supplier<T> lookup) {
        AtomicReference<T> answer = new AtomicReference<>();
        Waits.until(what, timeout, () -> {
            try {
                answer.set(lookup.get());
                return List.of();
            } catch (RedisException e) {
                return List.of(e.toString());
            }
        });
        return answer.get();
    }

    /**
     * Shuts {@code client} down without waiting for its event loop's quiet period: its connections are closed by
     * then, and the topology's resources, which own the loop, are shut down with the topology.
     */
    public static void shutdown(AbstractRedisClient client) {
        client.shutdownAsync(QUIET_MILLIS, TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.warn("A built-in writer's Lettuce client did not shut down cleanly: {}", failure.toString());
            }
        });
    }
}
