package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.internal.AtomicMove;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The files of drills under a directory: {@code <test class>/<test name>.<backend>.json}, {@code .html} and
 * {@code .txt} (the summary) beside it, and {@code index.html} linking every drill whose JSON file is there. A name
 * used twice in one JVM (one method, several drills) gets {@code -2}, {@code -3}, ...; a file left by an earlier run
 * is overwritten.
 *
 * <p>Files are replaced atomically. The index is rebuilt from the JSON files present, and again as long as they
 * changed while it was being built, so that test JVMs writing into one directory at once end with an index that has
 * every drill, with no lock file left behind.
 */
public final class ReportFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ReportFiles.class);
    static final String INDEX = "index.html";
    private static final int INDEX_REBUILDS = 5;
    /** Names reserved in this JVM, in every directory: the file system is one for every writer. */
    private static final Set<Path> RESERVED = ConcurrentHashMap.newKeySet();
    /** Index lines read back, by JSON file and modification time, so that a rebuild reads only what changed. */
    private static final Map<Path, Cached> ENTRIES = new ConcurrentHashMap<>();

    private ReportFiles() {
    }

    /** Where a drill's files go. */
    public record Paths(Path json, Path html) {

        /** The summary beside them (see {@link #summaryBeside}). */
        public Path summary() {
            return summaryBeside(json);
        }
    }

    /** A drill's summary file, beside its JSON file: {@code .txt} in place of {@code .json}, or appended. */
    public static Path summaryBeside(Path json) {
        String name = json.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return json.resolveSibling(stem + ".txt");
    }

    /** Reserves the file names of the next drill of {@code testName} on {@code backend}. */
    public static Paths reserve(Path directory, String testClass, String testName, String backend) {
        Path classDirectory = directory.resolve(fileName(testClass));
        String suffix = "." + backend.toLowerCase(Locale.ROOT);
        synchronized (RESERVED) {
            String stem = fileName(testName);
            for (int n = 2; RESERVED.contains(classDirectory.resolve(stem + suffix + ".json")); n++) {
                stem = fileName(testName) + "-" + n;
            }
            Path json = classDirectory.resolve(stem + suffix + ".json");
            RESERVED.add(json);
            return new Paths(json, classDirectory.resolve(stem + suffix + ".html"));
        }
    }

    /** Writes a drill's JSON, HTML and summary files, then rebuilds the index of their directory's parent. */
    public static void write(DrillRecord record, Paths paths) throws IOException {
        Files.createDirectories(paths.json().getParent());
        replace(paths.json(), ReportJson.render(record));
        replace(paths.html(), HtmlReport.render(record));
        replace(paths.summary(), ReportSummary.of(record.report(), record.bounds(), paths.html()) + "\n");
        writeIndex(paths.json().getParent().getParent());
    }

    private static void writeIndex(Path directory) throws IOException {
        Set<Path> listed = jsonFiles(directory);
        for (int rebuild = 0; rebuild < INDEX_REBUILDS; rebuild++) {
            List<IndexEntry> drills = new ArrayList<>();
            for (Path json : listed) {
                entry(directory, json).ifPresent(drills::add);
            }
            drills.sort(Comparator.comparing(IndexEntry::finishedAt).reversed());
            replace(directory.resolve(INDEX), IndexPage.render(drills, Instant.now()));
            Set<Path> now = jsonFiles(directory);
            if (now.equals(listed)) {
                return;
            }
            listed = now;
        }
    }

    private static Set<Path> jsonFiles(Path directory) throws IOException {
        Set<Path> files = new HashSet<>();
        try (Stream<Path> classDirectories = Files.list(directory)) {
            for (Path classDirectory : classDirectories.filter(Files::isDirectory).toList()) {
                try (Stream<Path> inside = Files.list(classDirectory)) {
                    inside.filter(f -> f.getFileName().toString().endsWith(".json")).forEach(files::add);
                }
            }
        }
        return files;
    }

    private static Optional<IndexEntry> entry(Path directory, Path json) {
        try {
            FileTime modified = Files.getLastModifiedTime(json);
            Cached cached = ENTRIES.get(json);
            if (cached != null && cached.modified().equals(modified)) {
                return Optional.of(cached.entry());
            }
            String file = json.getFileName().toString();
            String href = directory.relativize(json.resolveSibling(file.substring(0, file.length() - 5) + ".html"))
                    .toString().replace('\\', '/');
            IndexEntry entry = ReportJson.indexEntry(Files.readString(json, StandardCharsets.UTF_8), href);
            ENTRIES.put(json, new Cached(modified, entry));
            return Optional.of(entry);
        } catch (IOException | RuntimeException e) {
            LOG.info("Left {} out of the index of drill reports: {}", json, e.getMessage());
            return Optional.empty();
        }
    }

    private static void replace(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            AtomicMove.replace(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * {@code name} as a file name: a nested class's {@code $} becomes {@code .}, and every character a file system
     * might refuse becomes {@code _}.
     */
    static String fileName(String name) {
        String safe = name.replace('$', '.').replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    private record Cached(FileTime modified, IndexEntry entry) {
    }
}
