package io.github.sentineldrill;

import java.util.List;
import java.util.Objects;

/**
 * One shard of a Redis Cluster as the cluster sees it now: its master, its replicas, and the hash slots it serves.
 * After a failover the master is another node than at the start; {@code cluster.reset()} restores the first layout.
 *
 * @param index    its position in slot order, from 0: what {@code Faults.killMaster().onShard(index)} aims at
 * @param master   the node that serves its slots
 * @param replicas the nodes that replicate it
 * @param slots    its slots as ranges, such as {@code 0-5460}
 */
public record Shard(int index, RedisNode master, List<RedisNode> replicas, List<String> slots) {

    public Shard {
        Objects.requireNonNull(master, "master");
        replicas = List.copyOf(replicas);
        slots = List.copyOf(slots);
    }
}
