package io.github.sentineldrill.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Cleans up a topology whose JVM died without closing it (SIGKILL, a crash, an exit with the topology open).
 *
 * <p>A small {@code sh} process reads its standard input, a pipe only this JVM holds. It does nothing while the pipe is
 * open and exits when told the topology was released. When the pipe closes without that word, the JVM is gone: it runs
 * its cleanup script, then exits. It outlives the JVM only as long as that takes, and polls nothing. What to clean up
 * comes in through environment variables, so that no watchdog process names it on its command line.
 */
public final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final String RELEASED = "released";

    private final Process process;
    private final OutputStream pipe;
    private volatile boolean released;

    private Watchdog(Process process) {
        this.process = process;
        this.pipe = process.getOutputStream();
    }

    /**
     * Starts a watchdog.
     *
     * @param cleanup     the {@code sh} commands to run when the JVM is gone
     * @param environment variables the cleanup script reads
     */
    public static Watchdog start(String cleanup, Map<String, String> environment) throws IOException {
        String script = String.join("\n",
                "trap '' INT HUP",
                "while IFS= read -r line; do",
                "  [ \"$line\" = " + RELEASED + " ] && exit 0",
                "done",
                cleanup);
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script, "sentinel-drill-watchdog")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        return new Watchdog(builder.start());
    }

    /** Whether the watchdog still waits, ready to clean up when the JVM dies. */
    public boolean isArmed() {
        return process.isAlive() && !released;
    }

    /** Tells the watchdog the topology was closed normally; it exits without touching anything. */
    @Override
    public void close() {
        released = true;
        try {
            pipe.write((RELEASED + "\n").getBytes(StandardCharsets.US_ASCII));
            pipe.close();
        } catch (IOException e) {
            LOG.debug("watchdog pid {} already gone: {}", process.pid(), e.getMessage());
            process.destroy();
        }
    }
}
