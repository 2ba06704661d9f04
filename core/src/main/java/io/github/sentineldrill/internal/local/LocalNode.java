package io.github.sentineldrill.internal.local;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.node.NodeRole;
import io.github.sentineldrill.internal.runtime.BackendNode;
import io.github.sentineldrill.internal.runtime.NodeLayout;
import io.github.sentineldrill.internal.runtime.NodePlan;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One {@code redis-server} process of the LOCAL backend, in a directory of its own that holds its config and log
 * (appended to across restarts). It listens on its own loopback port (and bus port, for a cluster node).
 */
final class LocalNode implements BackendNode {

    static final String LOOPBACK = "127.0.0.1";
    private static final int TAIL_BYTES = 64 * 1024;
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);

    private final NodePlan plan;
    private final NodeLayout layout;
    private final Path dir;
    private final Path configFile;
    private final Path logFile;
    /** The running process; null before the first start. Empty if it exited so fast that it was reaped at once. */
    private volatile Optional<ProcessHandle> process;

    LocalNode(NodePlan plan, int port, OptionalInt busPort, Path topologyDir) {
        this.plan = plan;
        this.dir = topologyDir.resolve(plan.name());
        this.layout = new NodeLayout(LOOPBACK, port, busPort, dir.toString());
        this.configFile = dir.resolve(plan.role() == NodeRole.SENTINEL ? "sentinel.conf" : "redis.conf");
        this.logFile = dir.resolve(plan.name() + ".log");
    }

    @Override
    public NodePlan plan() {
        return plan;
    }

    @Override
    public NodeLayout layout() {
        return layout;
    }

    @Override
    public NodeAddress reachable() {
        return new NodeAddress(LOOPBACK, layout.port());
    }

    @Override
    public Optional<NodeAddress> reachableBus() {
        return layout.busPort().isPresent() ? Optional.of(new NodeAddress(LOOPBACK, layout.busPort().getAsInt()))
                : Optional.empty();
    }

    @Override
    public NodeAddress peerAddress() {
        return reachable();
    }

    String name() {
        return plan.name();
    }

    void writeConfig(String config) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
    }

    void writeFile(String fileName, String content) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(fileName), content, StandardCharsets.UTF_8);
    }

    Path configFile() {
        return configFile;
    }

    Path logFile() {
        return logFile;
    }

    boolean isSentinel() {
        return plan.role() == NodeRole.SENTINEL;
    }

    /** Records the process started for this node (see {@link NodeLauncher}). */
    void started(long pid) {
        process = ProcessHandle.of(pid);
    }

    private boolean isRunning() {
        Optional<ProcessHandle> current = process;
        return current != null && current.map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public Optional<String> exit() {
        return process != null && !isRunning() ? Optional.of("exited") : Optional.empty();
    }

    @Override
    public boolean portTaken() {
        return exit().isPresent() && logTail(20).contains("Address already in use");
    }

    /**
     * Sends SIGKILL to the node and to any child it forked (a replication sync); returns at once. Its launcher reaps it
     * within milliseconds; {@link #awaitGone} waits for that.
     */
    void sendKill() {
        Optional<ProcessHandle> current = process;
        if (current != null && current.isPresent()) {
            current.get().descendants().forEach(ProcessHandle::destroyForcibly);
            current.get().destroyForcibly();
        }
    }

    /** Waits until the node's process is gone after {@code signal}. */
    void awaitGone(String signal, Duration timeout) {
        Optional<ProcessHandle> current = process;
        if (current != null && current.isPresent()) {
            ProcessHandle handle = current.get();
            Waits.until(name() + " (pid " + handle.pid() + ") gone after " + signal, timeout,
                    () -> handle.isAlive() ? List.of(name() + " is still alive") : List.of());
        }
    }

    /** Sends {@code signal} (STOP, CONT, TERM) with {@code kill}, which reports a failure in its own words. */
    void signal(String signal) {
        Optional<ProcessHandle> current = process;
        if (current == null || current.isEmpty()) {
            throw new SentinelDrillException("Cannot send SIG" + signal + " to " + name() + ": it was never started");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, String.valueOf(current.get().pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(SIGNAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill.destroyForcibly();
                throw new SentinelDrillException("kill -s " + signal + " for " + name() + " did not finish within "
                        + SIGNAL_TIMEOUT.toMillis() + " ms");
            }
            if (kill.exitValue() != 0) {
                String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                throw new SentinelDrillException("Could not send SIG" + signal + " to " + name() + ": " + output);
            }
        } catch (IOException e) {
            throw new SentinelDrillException("Could not run kill to send SIG" + signal + " to " + name() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SentinelDrillException("Interrupted while sending SIG" + signal + " to " + name(), e);
        }
    }

    @Override
    public String logTail(int lines) {
        if (!Files.isRegularFile(logFile)) {
            return "(no log at " + logFile + ")";
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name() + "@" + reachable();
    }
}
