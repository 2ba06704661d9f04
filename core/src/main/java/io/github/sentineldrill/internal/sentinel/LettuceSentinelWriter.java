package io.github.sentineldrill.internal.sentinel;

import io.github.sentineldrill.internal.LettuceClients;
import io.github.sentineldrill.internal.drill.TopologyEvents;
import io.github.sentineldrill.internal.drill.Writer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The built-in writer of Sentinel topologies: {@code SET drill:<run>:<sequence>} through a Lettuce connection that
 * follows the sentinels the way a well-built sentinel client does, tuned to notice a failure and to recover fast:
 * <ul>
 *   <li>it connects through the sentinels' URI, so every reconnection asks the sentinels for the master anew;</li>
 *   <li>on a sentinel's {@code +switch-master} it moves to the announced master at once (as Jedis's sentinel pool
 *       does); a connection that only reconnects would stay on a demoted master that still takes writes until
 *       Sentinel converts it, seconds later, and Lettuce's own {@code MasterReplica} acts on sentinel events at most
 *       once per 5 s;</li>
 *   <li>250 ms command and connect timeouts: nodes answer in well under a millisecond on loopback and in local
 *       containers, so a write unanswered for 250 ms is a stall, not a slow server;</li>
 *   <li>a constant 50 ms reconnect delay (from the topology's writer resources), never Lettuce's exponential
 *       default, which grows to 30 s and would measure Lettuce's backoff instead of the failover;</li>
 *   <li>commands are rejected while disconnected rather than queued, so a write made during the outage fails at once
 *       (counted failed: it was never sent) instead of being replayed later.</li>
 * </ul>
 */
final class LettuceSentinelWriter implements Writer {

    private static final Logger LOG = LoggerFactory.getLogger(LettuceSentinelWriter.class);
    static final Duration TIMEOUT = Duration.ofMillis(250);
    private static final int VERIFY_BATCH = 500;

    private final String masterName;
    private final String prefix;
    private final RedisClient client;
    private final Supplier<RedisURI> currentMaster;
    private volatile StatefulRedisConnection<String, String> connection;
    private String followed = "";

    /**
     * @param resources     the topology's writer resources: address mapping and a constant reconnect delay
     * @param currentMaster the master the sentinels name now, reachable from the JVM, for the verification
     */
    LettuceSentinelWriter(ClientResources resources, RedisURI sentinelUri, String masterName, String runId,
                          Supplier<RedisURI> currentMaster, TopologyEvents events) {
        this.masterName = masterName;
        this.prefix = "drill:" + runId + ":";
        this.currentMaster = currentMaster;
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
        sentinelUri.setTimeout(TIMEOUT);
        try {
            this.connection = client.connect(sentinelUri);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
        events.onEvent("+switch-master", this::follow);
    }

    @Override
    public void write(long sequence) {
        connection.sync().set(prefix + sequence, Long.toString(sequence));
    }

    /**
     * Moves to the master a {@code +switch-master} names ({@code <name> <old host> <old port> <new host> <new port>}),
     * unless already there. Called on an event thread: it connects asynchronously.
     */
    private void follow(String details) {
        String[] fields = details.split(" ");
        if (fields.length < 5 || !fields[0].equals(masterName)) {
            return;
        }
        String target = fields[3] + ":" + fields[4];
        synchronized (this) {
            if (target.equals(followed)) {
                return;
            }
            followed = target;
        }
        RedisURI master = RedisURI.builder().withHost(fields[3]).withPort(Integer.parseInt(fields[4]))
                .withTimeout(TIMEOUT).build();
        client.connectAsync(StringCodec.UTF8, master).thenAccept(next -> {
            StatefulRedisConnection<String, String> previous = connection;
            connection = next;
            previous.closeAsync();
        }).exceptionally(e -> {
            LOG.debug("Could not move to the announced master {}: {}", target, e.toString());
            return null;
        });
    }

    /** Reads the keys from the master the sentinels name now, directly, in batches. */
    @Override
    public List<Boolean> present(List<Long> sequences) {
        try (StatefulRedisConnection<String, String> reader = client.connect(currentMaster.get())) {
            List<Boolean> present = new ArrayList<>(sequences.size());
            for (int from = 0; from < sequences.size(); from += VERIFY_BATCH) {
                String[] keys = sequences.subList(from, Math.min(sequences.size(), from + VERIFY_BATCH)).stream()
                        .map(sequence -> prefix + sequence)
                        .toArray(String[]::new);
                List<KeyValue<String, String>> values = LettuceClients.lookUp("the drill's writes looked up on"
                        + " the master", () -> reader.sync().mget(keys));
                for (KeyValue<String, String> value : values) {
                    present.add(value.hasValue());
                }
            }
            return present;
        }
    }

    /** Closes the connection, waiting for it, then the client (see {@link LettuceClients#shutdown}). */
    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            LettuceClients.shutdown(client);
        }
    }
}
