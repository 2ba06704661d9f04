package io.github.sentineldrill.internal.cluster;

import io.github.sentineldrill.internal.drill.Writer;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.resource.ClientResources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in writer of Redis Cluster topologies: {@code SET drill:{tag}:<run>:<sequence>} through a Lettuce
 * {@link RedisClusterClient}, every key in one slot of the shard the fault aims at (the hash tag), so that the drill
 * measures what that shard's failover costs a client. Tuned to follow a failover in well under a second, as a team's
 * client should be:
 * <ul>
 *   <li>topology refresh on every adaptive trigger (a MOVED or ASK redirect, persistent reconnects, an uncovered slot,
 *       an unknown node), at most every {@value #ADAPTIVE_MILLIS} ms, and periodically every
 *       {@value #PERIODIC_MILLIS} ms; Lettuce 6 enables neither by default, and a client with its defaults keeps
 *       sending to a failed master until something else refreshes its view;</li>
 *   <li>refreshed from every node it knows ({@code dynamicRefreshSources}), stale connections closed;</li>
 *   <li>250 ms command and connect timeouts, a constant 50 ms reconnect delay (the topology's writer resources), and
 *       commands rejected while disconnected, as the Sentinel writer.</li>
 * </ul>
 */
final class LettuceClusterWriter implements Writer {

    static final long ADAPTIVE_MILLIS = 100;
    static final long PERIODIC_MILLIS = 500;
    static final Duration TIMEOUT = Duration.ofMillis(250);
    private static final int VERIFY_BATCH = 500;

    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<String, String> connection;
    private final String prefix;

    LettuceClusterWriter(ClientResources resources, List<RedisURI> seeds, String hashTag, String runId) {
        this.prefix = "drill:" + hashTag + ":" + runId + ":";
        this.client = RedisClusterClient.create(resources, seeds);
        client.setOptions(options());
        try {
            this.connection = client.connect();
            connection.setTimeout(TIMEOUT);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
    }

    /** The client options of the built-in writer: what teams need too (see the class comment). */
    static ClusterClientOptions options() {
        return ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(Duration.ofMillis(ADAPTIVE_MILLIS))
                        .enablePeriodicRefresh(Duration.ofMillis(PERIODIC_MILLIS))
                        .dynamicRefreshSources(true)
                        .closeStaleConnections(true)
                        .build())
                .autoReconnect(true)
                .disconnectedBehavior(ClusterClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .validateClusterNodeMembership(false)
                .build();
    }

    @Override
    public void write(long sequence) {
        connection.sync().set(prefix + sequence, Long.toString(sequence));
    }

    /** Reads the keys from whichever node serves their slot now, in batches (one slot: one node). */
    @Override
    public List<Boolean> present(List<Long> sequences) {
        client.refreshPartitions();
        List<Boolean> present = new ArrayList<>(sequences.size());
        for (int from = 0; from < sequences.size(); from += VERIFY_BATCH) {
            String[] keys = sequences.subList(from, Math.min(sequences.size(), from + VERIFY_BATCH)).stream()
                    .map(sequence -> prefix + sequence)
                    .toArray(String[]::new);
            for (KeyValue<String, String> value : connection.sync().mget(keys)) {
                present.add(value.hasValue());
            }
        }
        return present;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
