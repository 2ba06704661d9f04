package io.github.sentineldrill.junit;

import io.github.sentineldrill.RedisNode;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.internal.report.DrillReports;

import java.util.List;
import java.util.stream.Stream;

/**
 * What the topology looked like when a test failed: the last lines of every node's log and the timeline of every
 * drill the test ran. The extension attaches it to the failure as a suppressed exception, so it is printed with the
 * failure wherever the failure is (console, Surefire's reports, the IDE).
 */
final class FailureDiagnostics extends RuntimeException {

    private static final long serialVersionUID = 1L;
    static final int LOG_LINES = 15;

    private FailureDiagnostics(String message) {
        super(message, null, false, false);
    }

    static FailureDiagnostics of(SentinelCluster cluster, List<DrillReports.RecordedDrill> drills) {
        StringBuilder text = new StringBuilder("Sentinel Drill: the topology '").append(cluster.masterName())
                .append("' (").append(cluster.backend()).append(") when the test failed");
        List<RedisNode> nodes;
        try {
            nodes = Stream.concat(cluster.dataNodes().stream(), cluster.sentinels().stream()).toList();
        } catch (RuntimeException e) {
            nodes = List.of();
            text.append("\n(its nodes could not be listed: ").append(e).append(')');
        }
        for (RedisNode node : nodes) {
            text.append("\n--- ").append(node.name()).append(" (").append(node.uri().getHost()).append(':')
                    .append(node.uri().getPort()).append("), last lines of its log:\n").append(logTail(node));
        }
        for (int i = 0; i < drills.size(); i++) {
            var report = drills.get(i).report();
            text.append("\n--- drill ").append(i + 1).append(" of ").append(drills.size()).append(": ")
                    .append(report.summary()).append("\n  report: ").append(drills.get(i).html().toUri())
                    .append("\nTimeline (first of each event per source):\n").append(report.compactTimeline());
        }
        return new FailureDiagnostics(text.toString());
    }

    private static String logTail(RedisNode node) {
        try {
            return node.logTail(LOG_LINES);
        } catch (RuntimeException e) {
            return "(its log could not be read: " + e + ")";
        }
    }
}
