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
 * Code in the docs is copied from tagged regions of compiled examples: a page marks a code block with
 * {@code <!-- snippet: path/to/Source.java#tag -->} and the source marks the region with {@code // tag::tag[]} and
 * {@code // end::tag[]}. This test fails when a block no longer matches its region, so docs cannot rot.
 */
class DocsSnippetsTest {

    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: (\\S+)#(\\S+) -->\\s*\\n```java\\n(.*?)```", Pattern.DOTALL);
    private static final Path ROOT = Paths.get("").toAbsolutePath().getParent();

    @TestFactory
    Stream<DynamicTest> everyDocsSnippetMatchesItsTaggedSource() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : pages()) {
            Matcher matcher = SNIPPET.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (matcher.find()) {
                String source = matcher.group(1);
                String tag = matcher.group(2);
                String block = matcher.group(3);
                tests.add(DynamicTest.dynamicTest(ROOT.relativize(page) + " <- " + source + "#" + tag,
                        () -> assertThat(block).isEqualTo(taggedRegion(ROOT.resolve(source), tag))));
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
        assertThat(snippets).as("snippets found in README.md and docs/").isPositive();
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
        assertThat(unchecked).as("```java blocks not preceded by <!-- snippet: path#tag -->").isEmpty();
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The lines between {@code // tag::tag[]} and {@code // end::tag[]}, without their common indentation. */
    static String taggedRegion(Path source, String tag) throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        int start = indexOf(lines, "// tag::" + tag + "[]", source);
        int end = indexOf(lines, "// end::" + tag + "[]", source);
        List<String> region = lines.subList(start + 1, end);
        int indent = region.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String line : region) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }

    private static int indexOf(List<String> lines, String marker, Path source) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError(source + " has no line '" + marker + "'");
    }
}
