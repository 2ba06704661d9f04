package io.github.sentineldrill.examples;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;

import java.time.Duration;
import java.util.Optional;

/**
 * A checkout service's Redis code, written as production code would be: plain Lettuce, given the application's
 * {@link ClientResources} and the sentinels' {@link RedisURI}. It stands for your own class; it sits in the test
 * sources only because this module has no main code. Nothing in it knows about tests.
 */
public class CheckoutService implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    /** {@code sentinels}: a {@code redis-sentinel://} URI; every (re)connection asks the sentinels for the master. */
    public CheckoutService(ClientResources resources, RedisURI sentinels) {
        client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                // A checkout answers within half a second, or says it could not: no command waits longer ...
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                // ... and none is queued while the connection is down, to be replayed who knows when.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        connection = client.connect(sentinels);
    }

    public void placeOrder(String orderId, String cart) {
        connection.sync().set("order:" + orderId, cart);
    }

    public Optional<String> order(String orderId) {
        return Optional.ofNullable(connection.sync().get("order:" + orderId));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
