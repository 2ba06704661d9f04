package io.github.sentineldrill;

import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The main class of a JVM that tests kill in the middle of a drill: it starts a topology on the backend named by its
 * first argument (a Sentinel topology of 1 master, 1 replica and 1 sentinel, or with a second argument
 * {@value #CLUSTER}, a Redis Cluster of 1 shard of 1 master and 1 replica), prints the topology's id, runs a drill
 * whose fault freezes the master for a minute, prints {@value #FROZEN} once the master stopped answering, then waits
 * to be killed (or for its parent to go away).
 */
public final class DrillInAnotherJvm {

    public static final String FROZEN = "master frozen mid-drill";
    public static final String CLUSTER = "cluster";

    public static void main(String[] args) throws Exception {
        Backend backend = Backend.valueOf(args[0]);
        RedisTopology cluster;
        RedisNode master;
        if (args.length > 1 && args[1].equals(CLUSTER)) {
            ShardedCluster sharded = ShardedCluster.start(ShardedClusterSpec.builder().backend(backend).shards(1)
                    .replicasPerShard(1).build());
            cluster = sharded;
            master = sharded.shards().get(0).master();
        } else {
            SentinelCluster sentinel = SentinelCluster.start(ClusterSpec.builder().backend(backend).replicas(1)
                    .sentinels(1).build());
            cluster = sentinel;
            master = sentinel.master();
        }
        System.out.println(cluster.id());
        System.out.flush();
        Thread drill = new Thread(() -> cluster.drill().load(WriteLoad.everyMillis(10))
                .fault(Faults.freezeMaster(Duration.ofSeconds(60))).timeout(Duration.ofSeconds(90)).run(), "drill");
        drill.setDaemon(true);
        drill.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Ping.answers(master.uri().getHost(), master.uri().getPort(), Duration.ofMillis(200))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the drill did not freeze " + master.name() + " within 30 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        System.out.println(FROZEN);
        System.out.flush();
        // Blocks until the test kills this JVM, or closes the pipe by ending itself.
        System.in.read();
        cluster.close();
    }

    private DrillInAnotherJvm() {
    }
}
