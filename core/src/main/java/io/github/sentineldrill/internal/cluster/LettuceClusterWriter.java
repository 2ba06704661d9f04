package io.github.sentineldrill.internal.cluster;

import io.github.sentineldrill.ClusterNotHealthyException;
import io.github.sentineldrill.internal.LettuceClients;
import io.github.sentineldrill.internal.Waits;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *   <li>250 ms command and connect timeouts, the seeds' timeout too (the topology refresh's, see
 *       {@link #withTimeout}), a constant 50 ms reconnect delay (the topology's writer resources), and
 *       commands rejected while disconnected, as the Sentinel writer.</li>
 * </ul>
 */
final class LettuceClusterWriter implements Writer {

    static final long ADAPTIVE_MILLIS = 100;
    static final long PERIODIC_MILLIS = 500;
    static final Duration TIMEOUT = Duration.ofMillis(250);
    private static final int VERIFY_BATCH = 500;
    /** A refresh asks every node with the writer's timeout: it ends well within this. */
    static final long REFRESH_END_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(LettuceClusterWriter.class);

    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<String, String> connection;
    private final String prefix;

    LettuceClusterWriter(ClientResources resources, List<RedisURI> seeds, String hashTag, String runId) {
        this.prefix = "drill:" + hashTag + ":" + runId + ":";
        this.client = RedisClusterClient.create(resources,
                seeds.stream().map(LettuceClusterWriter::withTimeout).toList());
        client.setOptions(options());
        try {
            this.connection = client.connect();
            connection.setTimeout(TIMEOUT);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
    }

    /**
     * A seed with the writer's timeout. Lettuce's topology refresh waits for every node's {@code CLUSTER NODES} as long
     * as the seeds' timeout (Lettuce's default is 60 s, the topology's {@code seedUris()} have 5 s): with a frozen
     * master among the nodes, a refresh takes that long, and the client takes in its replica's promotion only then.
     */
    private static RedisURI withTimeout(RedisURI seed) {
        return RedisURI.builder(seed).withTimeout(TIMEOUT).build();
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

    /**
     * Reads the keys from whichever node serves their slot now, in batches (one slot: one node), each retried while it
     * fails (see {@link LettuceClients#lookUp}).
     */
    @Override
    public List<Boolean> present(List<Long> sequences) {
        client.refreshPartitions();
        List<Boolean> present = new ArrayList<>(sequences.size());
        for (int from = 0; from < sequences.size(); from += VERIFY_BATCH) {
            String[] keys = sequences.subList(from, Math.min(sequences.size(), from + VERIFY_BATCH)).stream()
                    .map(sequence -> prefix + sequence)
                    .toArray(String[]::new);
            List<KeyValue<String, String>> values = LettuceClients.lookUp("the drill's writes looked up on the"
                    + " masters", () -> connection.sync().mget(keys));
            for (KeyValue<String, String> value : values) {
                present.add(value.hasValue());
            }
        }
        return present;
    }

    /**
     * Stops the topology refresh and lets a refresh in flight end (at most {@value #REFRESH_END_MILLIS} ms), so that
     * none opens connections on a loop being shut down; then closes the connection, waiting for it, and the client
     * (see {@link LettuceClients#shutdown}).
     */
    @Override
    public void close() {
        try {
            client.suspendTopologyRefresh();
            Waits.until("the built-in writer's topology refresh in flight to end",
                    Duration.ofMillis(REFRESH_END_MILLIS), () -> client.isTopologyRefreshInProgress()
                            ? List.of("a refresh is in progress") : List.of());
        } catch (ClusterNotHealthyException e) {
            LOG.warn("Closing the built-in writer with a topology refresh in flight: {}", e.getMessage());
        } finally {
            try {
                connection.close();
            } finally {
                LettuceClients.shutdown(client);
            }
        }
    }
}
