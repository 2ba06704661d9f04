package io.github.sentineldrill.internal.report;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's {@code chromium}, headless: one process per page, each with its own profile in a temporary folder, deleted
 * afterwards, and a deadline after which the process is killed and the test fails.
 */
public final class HeadlessChromium {

    static final String EXECUTABLE = "chromium";
    static final Duration DEADLINE = Duration.ofSeconds(90);

    private final Path executable;
    private final Path workDir;
    private final Duration deadline;

    HeadlessChromium(Path executable, Path workDir, Duration deadline) {
        this.executable = executable;
        this.workDir = workDir;
        this.deadline = deadline;
    }

    /** The chromium on the PATH, if there is one; its profiles and output go under {@code workDir}. */
    public static Optional<HeadlessChromium> find(Path workDir) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, EXECUTABLE))
                .filter(Files::isExecutable)
                .findFirst()
                .map(executable -> new HeadlessChromium(executable, workDir, DEADLINE));
    }

    /** What one process printed. */
    public record Run(String stdout, String stderr) {

        /**
         * The page's console messages (chromium logs each as a line with {@code CONSOLE}) and the refusals of its
         * Content Security Policy.
         */
        public List<String> consoleMessages() {
            return stderr.lines().filter(line -> line.contains("CONSOLE") || line.contains("Refused to")).toList();
        }
    }

    /** The page's DOM once loaded, on stdout. */
    Run dumpDom(Path page) throws IOException, InterruptedException {
        return run("dump the DOM of " + page, List.of("--dump-dom", page.toUri().toString()));
    }

    /** Paints the page into a window of that size and saves it as a PNG. */
    public Run screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        return run("take a screenshot of " + page, List.of("--hide-scrollbars", "--screenshot=" + png,
                "--window-size=" + width + "," + height, page.toUri().toString()));
    }

    private List<String> commandLine(Path profile, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--disable-gpu",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile, "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add(1, "--no-sandbox"); // chromium refuses to run as root with its sandbox
        }
        command.addAll(arguments);
        return command;
    }

    private Run run(String what, List<String> arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        Path stdout = Files.createTempFile(workDir, "chromium-", ".out");
        Path stderr = Files.createTempFile(workDir, "chromium-", ".err");
        Process process = new ProcessBuilder(commandLine(profile, arguments))
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        Run run;
        try {
            run = await(process, what, stderr, stdout);
        } catch (Throwable failure) {
            try {
                kill(process);
                delete(profile);
            } catch (IOException | InterruptedException | RuntimeException cleanUp) {
                failure.addSuppressed(cleanUp);
                if (cleanUp instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
            throw failure;
        }
        delete(profile);
        return run;
    }

    private Run await(Process process, String what, Path stderr, Path stdout)
            throws IOException, InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            kill(process);
            fail("chromium did not %s within %d ms; it was killed. Its stderr:%n%s", what, deadline.toMillis(),
                    read(stderr));
        }
        Run run = new Run(read(stdout), read(stderr));
        assertThat(process.exitValue()).as("chromium's exit code after it was asked to %s; stderr:%n%s", what,
                run.stderr()).isZero();
        return run;
    }

    private static void kill(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("chromium (pid " + process.pid() + ") did not die within 10 s of"
                        + " SIGKILL");
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
