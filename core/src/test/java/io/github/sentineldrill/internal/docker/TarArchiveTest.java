package io.github.sentineldrill.internal.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The archive is read back by the system's own {@code tar}, as the engine reads it. */
class TarArchiveTest {

    @TempDir
    Path dir;

    @Test
    void filesComeOutOfTheArchiveWithTheirPathsContentAndMode() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("data/redis.conf", "port 6379\ncluster-enabled yes\n".getBytes(StandardCharsets.UTF_8));
        files.put("data/nodes-6379.conf", "x".repeat(512).getBytes(StandardCharsets.UTF_8));   // exactly one block
        files.put("empty", new byte[0]);
        Path archive = dir.resolve("files.tar");
        Files.write(archive, TarArchive.of(files, 0640));

        assertThat(tar("-tf", archive.toString())).isEqualTo("data/redis.conf\ndata/nodes-6379.conf\nempty\n");
        Path out = Files.createDirectory(dir.resolve("out"));
        tar("-xf", archive.toString(), "-C", out.toString());
        assertThat(out.resolve("data/redis.conf")).hasContent("port 6379\ncluster-enabled yes");
        assertThat(Files.readString(out.resolve("data/nodes-6379.conf"))).isEqualTo("x".repeat(512));
        assertThat(out.resolve("empty")).isEmptyFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("data/redis.conf"))))
                .isEqualTo("rw-r-----");
    }

    @Test
    void aNameTheFormatCannotHoldIsRefused() {
        assertThatThrownBy(() -> TarArchive.of(Map.of("/data/redis.conf", new byte[1]), 0666))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tar entry name = '/data/redis.conf'; allowed: a relative path of 1 to 100 ASCII"
                        + " characters");
        assertThatThrownBy(() -> TarArchive.of(Map.of("d/" + "n".repeat(99), new byte[1]), 0666))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String tar(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("tar"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("tar finished").isTrue();
        assertThat(process.exitValue()).as("tar's exit code; it said: " + output).isZero();
        return output;
    }
}
