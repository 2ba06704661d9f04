package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.internal.AtomicMove;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The files of drills under a directory: {@code <test class>/<test name>.json} and {@code .html} beside it, and
 * {@code index.html} linking every drill whose JSON file is there. A name used twice in one JVM (one method, several
 * drills) gets {@code -2}, {@code -3}, ...; a file left by an earlier run is overwritten. Files are replaced
 * atomically, and the index is rebuilt under a file lock, so forked test JVMs writing to one directory do not clash.
 */
final class ReportFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ReportFiles.class);
    /** A file lock is held per JVM, not per thread: threads of one JVM take turns here first. */
    private static final Object INDEX_LOCK = new Object();
    static final String INDEX = "index.html";

    private final Set<Path> used = new HashSet<>();
    private final Map<Path, Cached> entries = new ConcurrentHashMap<>();

    /** Where the files of the next drill of {@code testName} go. */
    synchronized Paths paths(Path directory, String testClass, String testName) {
        Path classDirectory = directory.resolve(fileName(testClass));
        String stem = fileName(testName);
        for (int n = 2; used.contains(classDirectory.resolve(stem + ".json")); n++) {
            stem = fileName(testName) + "-" + n;
        }
        Path json = classDirectory.resolve(stem + ".json");
        used.add(json);
        return new Paths(json, classDirectory.resolve(stem + ".html"));
    }

    /** Writes a drill's JSON and HTML files, then rebuilds the index of their directory's parent. */
    void write(DrillRecord record, Path json, Path html) throws IOException {
        Files.createDirectories(json.getParent());
        replace(json, ReportJson.render(record));
        replace(html, HtmlReport.render(record));
        writeIndex(json.getParent().getParent());
    }

    private void writeIndex(Path directory) throws IOException {
        synchronized (INDEX_LOCK) {
            writeIndexLocked(directory);
        }
    }

    private void writeIndexLocked(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory.resolve(".index.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            List<IndexEntry> drills = new ArrayList<>();
            try (Stream<Path> classDirectories = Files.list(directory)) {
                for (Path classDirectory : classDirectories.filter(Files::isDirectory).toList()) {
                    try (Stream<Path> files = Files.list(classDirectory)) {
                        files.filter(f -> f.getFileName().toString().endsWith(".json"))
                                .forEach(f -> entry(directory, f).ifPresent(drills::add));
                    }
                }
            }
            drills.sort(Comparator.comparing(IndexEntry::finishedAt).reversed());
            replace(directory.resolve(INDEX), IndexPage.render(drills, Instant.now()));
        }
    }

    private Optional<IndexEntry> entry(Path directory, Path json) {
        try {
            FileTime modified = Files.getLastModifiedTime(json);
            Cached cached = entries.get(json);
            if (cached != null && cached.modified().equals(modified)) {
                return Optional.of(cached.entry());
            }
            String file = json.getFileName().toString();
            String href = directory.relativize(json.resolveSibling(file.substring(0, file.length() - 5) + ".html"))
                    .toString().replace('\\', '/');
            IndexEntry entry = ReportJson.indexEntry(Files.readString(json, StandardCharsets.UTF_8), href);
            entries.put(json, new Cached(modified, entry));
            return Optional.of(entry);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Left {} out of the index of drill reports: {}", json, e.toString());
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

    /** {@code name} with every character a file system might refuse replaced by '_'. */
    static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._$-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    record Paths(Path json, Path html) {
    }

    private record Cached(FileTime modified, IndexEntry entry) {
    }
}
