package io.github.sentineldrill;

import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The main class of a JVM that tests kill in the middle of a drill: it starts a topology on the backend named by its
 * first argument, prints the topology's id, runs a drill whose fault freezes the master for a minute, prints
 * {@value #FROZEN} once the master stopped answering, then waits to be killed (or for its parent to go away).
 */
public final class DrillInAnotherJvm {

    public static final String FROZEN = "master frozen mid-drill";

    public static void main(String[] args) throws Exception {
        SentinelCluster cluster = SentinelCluster.start(ClusterSpec.builder().backend(Backend.valueOf(args[0]))
                .replicas(1).sentinels(1).build());
        System.out.println(cluster.id());
        System.out.flush();
        RedisNode master = cluster.master();
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
