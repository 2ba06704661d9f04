package io.github.sentineldrill.fault;

/**
 * A fault aimed at a node of one shard. On a Sentinel topology the only shard is 0; on a Redis Cluster, shards are
 * numbered in slot order, as {@code cluster.shards()} lists them, and a fault hits shard 0 unless told otherwise.
 *
 * <pre>{@code
 * cluster.drill().load(WriteLoad.everyMillis(10)).fault(Faults.killMaster().onShard(2)).run();
 * }</pre>
 */
public interface NodeFault extends Fault {

    /** The shard the fault aims at. */
    int shard();

    /** The same fault, aimed at shard {@code shard} (0 or more; checked against the topology when injected). */
    NodeFault onShard(int shard);
}
