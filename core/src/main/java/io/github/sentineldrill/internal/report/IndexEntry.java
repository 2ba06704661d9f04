package io.github.sentineldrill.internal.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the index page: a drill, read back from its JSON file. A figure that was not measured is null.
 *
 * @param testClass        the test class
 * @param testName         the test method
 * @param href             the drill's HTML page, relative to the index page, with '/' separators
 * @param finishedAt       when the drill finished
 * @param backend          where it ran: LOCAL or DOCKER
 * @param fault            the fault, such as {@code killMaster()}
 * @param recovered        whether the client recovered before the load stopped
 * @param boundsPassed     whether every asserted bound passed; null when none was asserted
 * @param failoverMs       the failover time, or null without a failover
 * @param clientRecoveryMs the client recovery time, or null when the client had not recovered
 * @param writeOutageMs    the write outage, or null when it had not ended
 * @param lostWrites       the lost writes, or null when they could not be verified
 */
public record IndexEntry(String testClass, String testName, String href, Instant finishedAt, String backend,
                         String fault, boolean recovered, Boolean boundsPassed, Long failoverMs,
                         Long clientRecoveryMs, Long writeOutageMs, Long lostWrites) {

    public IndexEntry {
        Objects.requireNonNull(testClass, "testClass");
        Objects.requireNonNull(testName, "testName");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(fault, "fault");
    }
}
