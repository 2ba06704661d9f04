package io.github.sentineldrill;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM running a main class of the test class path, for tests of what happens when a JVM is killed. */
public final class ForkedJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader output;

    private ForkedJvm(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code mainClass} with {@code arguments}, this JVM's class path and the given {@code -D} settings. */
    public static ForkedJvm start(Class<?> mainClass, List<String> arguments, String... systemProperties)
            throws IOException {
        return start(mainClass, arguments, java.util.Map.of(), systemProperties);
    }

    /**
     * {@link #start(Class, List, String...)} with environment variables changed: each of {@code environment} is set,
     * or removed where its value is null.
     */
    public static ForkedJvm start(Class<?> mainClass, List<String> arguments,
                                  java.util.Map<String, String> environment, String... systemProperties)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(systemProperties));
        command.add(mainClass.getName());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return new ForkedJvm(builder.start());
    }

    /** The next line the JVM prints. */
    public String readLine() throws IOException {
        String line = output.readLine();
        if (line == null) {
            throw new SentinelDrillException("the forked JVM ended before printing a line");
        }
        return line;
    }

    /** SIGKILL, and waits until the JVM is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new SentinelDrillException("the forked JVM did not exit within 10 s of SIGKILL");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
