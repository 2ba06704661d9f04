package io.github.sentineldrill.internal.local;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.NodeIdentity;
import io.github.sentineldrill.internal.Waits;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code redis-server} process of the LOCAL backend, in a directory of its own that holds its config and log.
 * The log is appended to across restarts. It listens on its own port; a data node is known to its peers by its relay's
 * address, a sentinel by its own.
 */
final class LocalNode extends NodeIdentity {

    static final String LOOPBACK = "127.0.0.1";
    private static final int TAIL_BYTES = 64 * 1024;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);

    private final NodeAddress listening;
    private final Path dir;
    private final Path configFile;
    private final Path logFile;
    /** The running process; null before the first start. Empty if it exited so fast that it was reaped at once. */
    private volatile Optional<ProcessHandle> process;

    /**
     * @param port      the port the node listens on
     * @param announced the address its peers know it by: its relay for a data node, {@code port} for a sentinel
     */
    LocalNode(String name, boolean sentinel, int port, NodeAddress announced, Path topologyDir) {
        super(name, sentinel, announced);
        this.listening = new NodeAddress(LOOPBACK, port);
        this.dir = topologyDir.resolve(name);
        this.configFile = dir.resolve(sentinel ? "sentinel.conf" : "redis.conf");
        this.logFile = dir.resolve(name + ".log");
    }

    /** The port the node itself listens on. */
    @Override
    public NodeAddress reachableAddress() {
        return listening;
    }

    Path dir() {
        return dir;
    }

    void writeConfig(String config) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
    }

    Path configFile() {
        return configFile;
    }

    Path logFile() {
        return logFile;
    }

    /** Records the process started for this node (see {@link NodeLauncher}). */
    void started(long pid) {
        process = ProcessHandle.of(pid);
    }

    boolean isRunning() {
        Optional<ProcessHandle> current = process;
        return current != null && current.map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether the process was started and has exited since. */
    boolean hasExited() {
        return process != null && !isRunning();
    }

    String exitDescription() {
        Optional<ProcessHandle> current = process;
        if (current == null) {
            return "never started";
        }
        return isRunning() ? "running (pid " + current.get().pid() + ")" : "exited";
    }

    /** Whether the log says the port was taken by someone else between choosing and binding it. */
    boolean failedToBindPort() {
        return hasExited() && logTail(20).contains("Address already in use");
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

    /** Waits until the node's process is gone after SIGKILL. */
    void awaitGone() {
        awaitGone("SIGKILL", KILL_TIMEOUT);
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

    /** {@link #sendKill()} and {@link #awaitGone()}. */
    void kill() {
        sendKill();
        awaitGone();
    }

    /** Sends SIGTERM, on which Redis shuts down as on {@code SHUTDOWN}; returns once the process is gone. */
    void terminate(Duration timeout) {
        Optional<ProcessHandle> current = process;
        if (current != null && current.isPresent()) {
            current.get().destroy();
            awaitGone("SIGTERM", timeout);
        }
    }

    /** Sends {@code signal} (such as {@code STOP} or {@code CONT}) to the node's process. */
    void signal(String signal) {
        Optional<ProcessHandle> current = process;
        if (current == null || current.isEmpty() || !current.get().isAlive()) {
            throw new SentinelDrillException("Cannot send SIG" + signal + " to " + name() + ": it is not running");
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

}
