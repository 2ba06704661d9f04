package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.resp.RespConnection;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Sentinel topology that a team would set up without Sentinel Drill, measured by Sentinel Drill's definitions: ready
 * when the master answers, every replica is linked, and every sentinel knows every replica and every other sentinel;
 * failed over when a sentinel names another master.
 */
abstract class SentinelPeer implements AutoCloseable {

    static final String MASTER_NAME = "mymaster";
    private static final Duration CALL = Duration.ofMillis(250);

    /** The master, then the replicas. */
    abstract List<NodeAddress> dataNodes();

    abstract List<NodeAddress> sentinels();

    /** Kills the master's process with SIGKILL. */
    void killMaster() throws IOException {
        long pid;
        try (RespConnection master = RespConnection.open(dataNodes().get(0), CALL)) {
            pid = Long.parseLong(master.info("server").get("process_id"));
        }
        ProcessHandle.of(pid).orElseThrow(() -> new IOException("no process " + pid)).destroyForcibly();
    }

    /** Waits until the topology is ready by Sentinel Drill's definition. */
    void awaitReady(Duration timeout) {
        int replicas = dataNodes().size() - 1;
        int sentinels = sentinels().size();
        Waits.until("the peer topology ready", timeout, () -> {
            List<String> problems = new ArrayList<>();
            try (RespConnection master = RespConnection.open(dataNodes().get(0), CALL)) {
                master.callString("PING");
            } catch (IOException e) {
                problems.add("the master does not answer: " + e.getMessage());
            }
            for (NodeAddress replica : dataNodes().subList(1, dataNodes().size())) {
                try (RespConnection node = RespConnection.open(replica, CALL)) {
                    String link = node.info("replication").get("master_link_status");
                    if (!"up".equals(link)) {
                        problems.add(replica + " master_link_status " + link);
                    }
                } catch (IOException e) {
                    problems.add(replica + " does not answer: " + e.getMessage());
                }
            }
            for (NodeAddress sentinel : sentinels()) {
                try (RespConnection node = RespConnection.open(sentinel, CALL)) {
                    Map<String, String> master = node.callFields("SENTINEL", "MASTER", MASTER_NAME);
                    if (!String.valueOf(replicas).equals(master.get("num-slaves"))
                            || !String.valueOf(sentinels - 1).equals(master.get("num-other-sentinels"))) {
                        problems.add(sentinel + " knows " + master.get("num-slaves") + " replicas and "
                                + master.get("num-other-sentinels") + " other sentinels");
                    }
                } catch (IOException e) {
                    problems.add(sentinel + " does not answer: " + e.getMessage());
                }
            }
            return problems;
        });
    }

    /** Stops every process of the peer. */
    @Override
    public abstract void close();

    /** Waits until a sentinel names another master than the first; the time from {@code sinceNanos}, in ms. */
    double awaitFailover(long sinceNanos, Duration timeout) {
        int oldPort = dataNodes().get(0).port();
        Waits.until("a sentinel naming another master than port " + oldPort, timeout, () -> {
            for (NodeAddress sentinel : sentinels()) {
                try (RespConnection node = RespConnection.open(sentinel, CALL)) {
                    Object reply = node.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
                    if (reply instanceof List<?> address && address.size() == 2
                            && Integer.parseInt(String.valueOf(address.get(1))) != oldPort) {
                        return List.of();
                    }
                } catch (IOException e) {
                    // A sentinel that does not answer names nothing.
                }
            }
            return List.of("every sentinel names port " + oldPort);
        });
        return (System.nanoTime() - sinceNanos) / 1e6;
    }
}
