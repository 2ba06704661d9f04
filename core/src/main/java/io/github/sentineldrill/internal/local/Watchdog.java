package io.github.sentineldrill.internal.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Cleans up a topology whose JVM died without closing it (SIGKILL, a crash, an exit with the topology open).
 *
 * <p>A small {@code sh} process reads its standard input, a pipe only this JVM holds. It does nothing while the pipe is
 * open and exits when told the topology was released. When the pipe closes without that word, the JVM is gone: it
 * SIGKILLs every process whose command line names the topology directory (nodes run with {@code set-proc-title no}, so
 * their command line holds their config path) and removes the directory, then exits. It outlives the JVM only as long
 * as that takes, and polls nothing.
 */
final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    static final String DIR_VARIABLE = "SENTINEL_DRILL_TOPOLOGY_DIR";
    private static final String RELEASED = "released";

    /** The directory comes in through the environment so that no watchdog process has it on its command line. */
    private static final String SCRIPT = String.join("\n",
            "trap '' INT HUP",
            "while IFS= read -r line; do",
            "  [ \"$line\" = " + RELEASED + " ] && exit 0",
            "done",
            "ps -eo pid=,args= | awk 'index($0, ENVIRON[\"" + DIR_VARIABLE + "\"] \"/\") { print $1 }' \\",
            "  | while read -r pid; do kill -9 \"$pid\" 2>/dev/null; done",
            "rm -rf \"$" + DIR_VARIABLE + "\"");

    private final Process process;
    private final OutputStream pipe;

    private Watchdog(Process process) {
        this.process = process;
        this.pipe = process.getOutputStream();
    }

    static Watchdog watch(Path topologyDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "sentinel-drill-watchdog")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(DIR_VARIABLE, topologyDir.toAbsolutePath().toString());
        return new Watchdog(builder.start());
    }

    /** Tells the watchdog the topology was closed normally; it exits without touching anything. */
    @Override
    public void close() {
        try {
            pipe.write((RELEASED + "\n").getBytes(StandardCharsets.US_ASCII));
            pipe.close();
        } catch (IOException e) {
            LOG.debug("watchdog pid {} already gone: {}", process.pid(), e.getMessage());
            process.destroy();
        }
    }
}
