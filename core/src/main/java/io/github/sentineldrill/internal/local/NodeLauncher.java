package io.github.sentineldrill.internal.local;

import io.github.sentineldrill.ClusterStartException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code redis-server} processes through one small {@code sh} per call, instead of one JVM spawn per node.
 *
 * <p>Where process creation is expensive (virtual machines, sandboxes), the JVM's spawn path (a helper process that
 * execs the target) costs several times what a shell's fork and exec cost; starting six nodes from one shell is
 * faster. The shell reads three lines per node from its standard input (mode, config path, log path), starts the node
 * in the background with its output appended to its log, prints the node's pid, and at the end of its input
 * {@code wait}s, so that it reaps each node as it exits; it exits when its last node has. Its own command line names
 * no topology directory, so the {@link io.github.sentineldrill.internal.Watchdog} kills only the nodes and lets the launcher end by itself.
 */
final class NodeLauncher {

    private static final String SCRIPT = String.join("\n",
            "binary=$1",
            "while IFS= read -r mode && IFS= read -r config && IFS= read -r log; do",
            "  if [ \"$mode\" = sentinel ]; then",
            "    \"$binary\" \"$config\" --sentinel >>\"$log\" 2>&1 </dev/null &",
            "  else",
            "    \"$binary\" \"$config\" >>\"$log\" 2>&1 </dev/null &",
            "  fi",
            "  echo $!",
            "done",
            "exec >/dev/null",
            "wait");

    private NodeLauncher() {
    }

    /** Starts the nodes and returns their pids, in the order given. */
    static List<Long> launch(RedisBinary binary, List<LocalNode> nodes) throws IOException {
        StringBuilder input = new StringBuilder();
        for (LocalNode node : nodes) {
            input.append(node.isSentinel() ? "sentinel" : "data").append('\n')
                    .append(node.configFile()).append('\n')
                    .append(node.logFile()).append('\n');
        }
        Process shell = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "sentinel-drill-launcher",
                binary.path().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream stdin = shell.getOutputStream()) {
            stdin.write(input.toString().getBytes(StandardCharsets.UTF_8));
        }
        List<Long> processes = new ArrayList<>(nodes.size());
        try (BufferedReader pids = new BufferedReader(
                new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII))) {
            for (LocalNode node : nodes) {
                String line = pids.readLine();
                if (line == null) {
                    throw new ClusterStartException("The launcher shell ended before starting " + node.name()
                            + " (exit " + waitForExit(shell) + ")");
                }
                processes.add(Long.parseLong(line.trim()));
            }
        }
        return processes;
    }

    private static String waitForExit(Process shell) {
        try {
            return String.valueOf(shell.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
