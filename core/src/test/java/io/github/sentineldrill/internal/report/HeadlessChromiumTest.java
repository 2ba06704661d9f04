package io.github.sentineldrill.internal.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A browser that hangs is killed at its deadline, and the test fails saying what it waited for. */
class HeadlessChromiumTest {

    @TempDir
    Path dir;

    @Test
    void aHungBrowserIsKilledAtItsDeadline() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Path hung = dir.resolve("hung-chromium");
        Files.writeString(hung, "#!/bin/sh\necho starting >&2\nsleep 300 &\necho $! > " + pidFile + "\nwait\n");
        Files.setPosixFilePermissions(hung, PosixFilePermissions.fromString("rwx------"));
        Path page = Files.writeString(dir.resolve("page.html"), "<!DOCTYPE html><title>t</title>");
        HeadlessChromium chromium = new HeadlessChromium(hung, dir, Duration.ofSeconds(2));

        assertThatThrownBy(() -> chromium.dumpDom(page)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("chromium did not dump the DOM of " + page + " within 2000 ms; it was killed")
                .hasMessageContaining("starting");

        long child = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(child).ifPresent(handle -> assertThat(handle.onExit()).as("its child, killed")
                .succeedsWithin(Duration.ofSeconds(10)));
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("chromium-profile"));
        }
    }
}
