package io.github.sentineldrill;

import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.Faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
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
        while (answers(master)) {
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

    /** Whether the node answers a PING within 200 ms. */
    private static boolean answers(RedisNode node) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(node.uri().getHost(), node.uri().getPort()), 200);
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read() == '+';
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private DrillInAnotherJvm() {
    }
}
