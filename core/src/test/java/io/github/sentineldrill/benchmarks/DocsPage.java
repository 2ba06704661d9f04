package io.github.sentineldrill.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A section of a docs page that a command writes: what lies between {@code <!-- generated:NAME:start -->} and
 * {@code <!-- generated:NAME:end -->} is replaced, so a rerun of the command rewrites its figures and nothing else.
 */
final class DocsPage {

    private DocsPage() {
    }

    /** The repository's root: the working directory, or its parent when run from a module. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
    }

    /** Replaces the section {@code name} of {@code page} (relative to the repository's root) with {@code text}. */
    static void write(String page, String name, String text) {
        Path file = root().resolve(page);
        String start = "<!-- generated:" + name + ":start -->";
        String end = "<!-- generated:" + name + ":end -->";
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int from = content.indexOf(start);
            int to = content.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalStateException(file + " has no section " + start + " ... " + end);
            }
            String body = text.endsWith("\n") ? text : text + "\n";
            Files.writeString(file, content.substring(0, from + start.length()) + "\n" + body + content.substring(to),
                    StandardCharsets.UTF_8);
            System.out.println("Written into " + page + " (" + name + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
