package io.github.sentineldrill.internal.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the index page: a drill, read back from its JSON file.
 *
 * @param testClass          the test class
 * @param testName           the test method
 * @param href               the drill's HTML page, relative to the index page, with '/' separators
 * @param finishedAt         when the drill finished
 * @param fault              the fault, such as {@code killMaster}
 * @param recovered          whether the client recovered within the drill's timeout
 * @param boundsPassed       whether every asserted bound passed; null when none was asserted
 * @param failoverMs         the failover time, or null without a failover
 * @param clientRecoveryMs   the client recovery time, or null
 * @param writeOutageMs      the write outage
 * @param lostWrites         the lost writes
 */
public record IndexEntry(String testClass, String testName, String href, Instant finishedAt, String fault,
                         boolean recovered, Boolean boundsPassed, Long failoverMs, Long clientRecoveryMs,
                         long writeOutageMs, long lostWrites) {

    public IndexEntry {
        Objects.requireNonNull(testClass, "testClass");
        Objects.requireNonNull(testName, "testName");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(fault, "fault");
    }
}
