package io.github.sentineldrill.examples;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.resource.ClientResources;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A cart service's Redis code on a Redis Cluster, written as production code would be: plain Lettuce, given the
 * application's {@link ClientResources} and seed nodes. It stands for your own class; it sits in the test sources only
 * because this module has no main code. Nothing in it knows about tests.
 */
public class CartService implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<String, String> connection;

    public CartService(ClientResources resources, List<RedisURI> seeds) {
        // The seeds' timeout is also how long a topology refresh waits for each node: a frozen node holds every
        // refresh that long, and the client takes in a failover only after it.
        client = RedisClusterClient.create(resources,
                seeds.stream().map(seed -> RedisURI.builder(seed).withTimeout(TIMEOUT).build()).toList());
        client.setOptions(ClusterClientOptions.builder()
                // Lettuce 6 refreshes its view of the slots only when told to: without these, a client keeps
                // sending a failed master's slots to it, and fails until something else refreshes the view.
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()                  // on MOVED, reconnects, ...
                        .adaptiveRefreshTriggersTimeout(Duration.ofMillis(200))
                        .enablePeriodicRefresh(Duration.ofSeconds(1))         // and now and then regardless
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .disconnectedBehavior(ClusterClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        connection = client.connect();
    }

    public void addItem(String cartId, String item) {
        connection.sync().set("cart:" + cartId, item);
    }

    public Optional<String> item(String cartId) {
        return Optional.ofNullable(connection.sync().get("cart:" + cartId));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
