package io.github.sentineldrill.junit;

import io.github.sentineldrill.RedisNode;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.report.ReportFiles;

import java.util.List;
import java.util.function.Supplier;

/**
 * What the topology looked like when a test failed: the last lines of every node's log and the timeline of every
 * drill the test ran. The extension attaches it to the failure as a suppressed exception, so it is printed with the
 * failure wherever the failure is (console, Surefire's reports, the IDE). Whatever cannot be read says so: it never
 * replaces the test's own failure.
 */
final class FailureDiagnostics extends RuntimeException {

    private static final long serialVersionUID = 1L;
    static final int LOG_LINES = 15;

    private FailureDiagnostics(String message) {
        super(message, null, false, false);
    }

    /**
     * @param topology how the topology is named in the message, such as {@code 'mymaster' (LOCAL)}
     * @param nodes    its nodes; asked once, and what it throws is shown instead
     */
    static FailureDiagnostics of(String topology, Supplier<List<RedisNode>> nodes, List<MethodDrills.Recorded> drills) {
        StringBuilder text = new StringBuilder("Sentinel Drill: the topology ").append(topology)
                .append(" when the test failed");
        List<RedisNode> listed;
        try {
            listed = nodes.get();
        } catch (RuntimeException e) {
            listed = List.of();
            text.append("\n(its nodes could not be listed: ").append(e).append(')');
        }
        for (RedisNode node : listed) {
            text.append("\n--- ").append(node.name()).append(" (").append(address(node))
                    .append("), last lines of its log:\n").append(logTail(node));
        }
        for (int i = 0; i < drills.size(); i++) {
            FailoverReport report = drills.get(i).report();
            ReportFiles files = drills.get(i).files();
            text.append("\n--- drill ").append(i + 1).append(" of ").append(drills.size()).append(": ")
                    .append(report.summary()).append("\n  report: ").append(files.htmlLink())
                    .append("\nTimeline (first of each event per source):\n").append(report.compactTimeline());
        }
        return new FailureDiagnostics(text.toString());
    }

    private static String address(RedisNode node) {
        try {
            return node.reachableAddress().toString();
        } catch (RuntimeException e) {
            return "address unknown: " + e.getMessage();
        }
    }

    private static String logTail(RedisNode node) {
        try {
            return node.logTail(LOG_LINES);
        } catch (RuntimeException e) {
            return "(its log could not be read: " + e + ")";
        }
    }
}
