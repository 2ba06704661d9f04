package io.github.sentineldrill.examples;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code in the docs is a whole source file of the build, compiled and run there: a page marks a code block with
 * {@code <!-- snippet: path/to/Source.java -->} (a path from the repository's root), and the block is that file, from
 * its package line to its last brace, so that what a user pastes compiles. This test fails when a block is not its
 * file any more, so docs cannot rot. With {@code -Ddocs.snippets.write=true} it rewrites the blocks from their files
 * instead:
 * {@code mvn -pl examples test -Dtest=DocsSnippetsTest -Ddocs.snippets.write=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DocsSnippetsTest {

    private static final Pattern SNIPPET = Pattern.compile(
            "(<!-- snippet: (\\S+) -->\\s*\\n```(\\w+)\\n)(.*?)(```)", Pattern.DOTALL);
    private static final Path ROOT = Paths.get("").toAbsolutePath().getParent();
    private static final boolean WRITE = Boolean.getBoolean("docs.snippets.write");

    @TestFactory
    Stream<DynamicTest> everyDocsSnippetIsTheWholeFileItNames() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : pages()) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            if (WRITE) {
                rewrite(page, text);
                text = Files.readString(page, StandardCharsets.UTF_8);
            }
            Matcher matcher = SNIPPET.matcher(text);
            while (matcher.find()) {
                Path source = ROOT.resolve(matcher.group(2));
                String language = matcher.group(3);
                String block = matcher.group(4);
                tests.add(DynamicTest.dynamicTest(ROOT.relativize(page) + " <- " + matcher.group(2), () -> {
                    assertThat(source).as("the file a snippet names").isRegularFile();
                    assertThat(block).as("the block of " + source.getFileName() + " (rewrite the blocks with"
                                    + " -Ddocs.snippets.write=true)")
                            .isEqualTo(Files.readString(source, StandardCharsets.UTF_8));
                    if (language.equals("java")) {
                        assertThat(block).as("a whole compilation unit").startsWith("package ").endsWith("}\n");
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void theDocsHaveSnippetsToCheck() throws IOException {
        long snippets = 0;
        for (Path page : pages()) {
            snippets += SNIPPET.matcher(Files.readString(page, StandardCharsets.UTF_8)).results().count();
        }
        assertThat(snippets).as("snippets found in README.md and docs/").isGreaterThanOrEqualTo(10);
    }

    /** A Java block without a snippet marker is code nothing compiles: it would rot unseen. */
    @Test
    void everyJavaBlockInTheDocsIsASnippet() throws IOException {
        List<String> unchecked = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
            String previous = "";
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("```java") && !previous.startsWith("<!-- snippet: ")) {
                    unchecked.add(ROOT.relativize(page) + ":" + (i + 1));
                }
                if (!line.isEmpty()) {
                    previous = line;
                }
            }
        }
        assertThat(unchecked).as("```java blocks not preceded by <!-- snippet: path -->").isEmpty();
    }

    private static void rewrite(Path page, String text) throws IOException {
        Matcher matcher = SNIPPET.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Path source = ROOT.resolve(matcher.group(2));
            String content = Files.isRegularFile(source) ? Files.readString(source, StandardCharsets.UTF_8)
                    : matcher.group(4);
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + content + matcher.group(5)));
        }
        matcher.appendTail(out);
        if (!out.toString().equals(text)) {
            Files.writeString(page, out.toString(), StandardCharsets.UTF_8);
        }
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }
}
