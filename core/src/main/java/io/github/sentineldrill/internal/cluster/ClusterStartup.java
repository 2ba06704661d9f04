package io.github.sentineldrill.internal.cluster;

import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.resp.RespErrorReply;
import io.github.sentineldrill.internal.runtime.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a Redis Cluster comes up, on any backend: every node's config and pre-seeded {@code nodes.conf} written, every
 * node started at once, then a wait until it is healthy and every shard's master takes a write that its replicas
 * acknowledge.
 *
 * <p>A master that starts calls the cluster ok only 2 s after its first look at it (Redis's
 * {@code CLUSTER_WRITABLE_DELAY}, for masters only, from process start, not configurable): that is the floor of a
 * start. Starting every node at once, from files that need no meeting or slot assignment, keeps a start at that
 * floor, whatever the cluster's size.
 */
final class ClusterStartup {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterStartup.class);

    private final ClusterShape shape;

    ClusterStartup(ClusterShape shape) {
        this.shape = shape;
    }

    void run(long deadlineNanos) {
        long begin = System.nanoTime();
        for (Node node : shape.all()) {
            shape.nodes().writeConfig(node, ClusterConfigs.node(shape.spec(), node));
            shape.nodes().writeFile(node, ClusterConfigs.NODES_CONF, ClusterConfigs.nodesConf(shape, node));
        }
        shape.nodes().start(shape.all());
        Set<Node> answering = new HashSet<>();
        Waits.until("every cluster node answering PING", remaining(deadlineNanos), () -> {
            List<String> problems = new ArrayList<>();
            for (Node node : shape.all()) {
                if (answering.contains(node)) {
                    continue;
                }
                try {
                    shape.probe(node, c -> c.callString("PING"));
                    answering.add(node);
                } catch (IOException e) {
                    shape.nodes().checkStarting(node);
                    problems.add(node.name() + " does not answer yet: " + e.getMessage());
                }
            }
            return problems;
        });
        long up = System.nanoTime();
        ClusterHealth health = new ClusterHealth(shape);
        Waits.until("the cluster healthy", remaining(deadlineNanos), health::problems);
        long healthy = System.nanoTime();
        Waits.until("every shard's master taking a write its replicas acknowledge", remaining(deadlineNanos),
                this::writeProblems);
        LOG.debug("cluster nodes answering after {} us, healthy after {} us, writable after {} us",
                (up - begin) / 1000, (healthy - begin) / 1000, (System.nanoTime() - begin) / 1000);
    }

    /**
     * Writes a key into every shard through its master and waits for its replicas: a master that is not writable yet
     * answers CLUSTERDOWN. A replica with data is also listed by {@code CLUSTER SLOTS} (Redis 7 leaves out replicas
     * with replication offset 0), so clients find every replica.
     */
    List<String> writeProblems() {
        List<String> problems = new ArrayList<>();
        for (int shard = 0; shard < shape.spec().shards(); shard++) {
            Node master = shape.firstMaster(shard);
            String key = "sentinel-drill:ready:" + Slots.tagIn(shape.slots(shard), "s" + shard + "-");
            try {
                long acknowledged = shape.command(master, c -> {
                    c.call("SET", key, "ready");
                    return c.callLong("WAIT", String.valueOf(shape.spec().replicasPerShard()), "1000");
                });
                if (acknowledged < shape.spec().replicasPerShard()) {
                    problems.add(acknowledged + " of " + shape.spec().replicasPerShard() + " replicas of "
                            + master.name() + " acknowledged a write");
                }
            } catch (RespErrorReply refused) {
                problems.add(master.name() + " refuses writes: " + refused.getMessage());
            } catch (IOException e) {
                problems.add(master.name() + " does not answer: " + e.getMessage());
            }
        }
        return problems;
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }
}
