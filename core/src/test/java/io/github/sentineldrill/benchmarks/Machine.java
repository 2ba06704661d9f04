package io.github.sentineldrill.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The facts a figure is read with: when, on what, with which Redis, by which command. */
final class Machine {

    private Machine() {
    }

    /** One line: the date, the machine, the Redis on the PATH and the command that wrote the figures. */
    static String caption(String command) {
        return String.format(Locale.ROOT, "Measured %s on %s %s (%d cores), Redis %s%s, by `%s`.", LocalDate.now(),
                System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), redisVersion(), docker(), command);
    }

    static String redisVersion() {
        String output = run("redis-server", "--version");
        int v = output.indexOf("v=");
        if (v < 0) {
            return output.isBlank() ? "not on the PATH" : output;
        }
        int end = output.indexOf(' ', v);
        return output.substring(v + 2, end < 0 ? output.length() : end);
    }

    private static String docker() {
        String version = run("docker", "version", "--format", "{{.Server.Version}}").strip();
        return version.isEmpty() || version.contains(" ") ? "" : ", Docker " + version;
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return process.exitValue() == 0 ? output : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
