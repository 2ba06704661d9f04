package io.github.sentineldrill.internal.runtime;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * What every node's config shares, whatever the topology kind: where it listens and works, in the foreground, with
 * its own title, and the data node settings that keep a drill fast and its nodes free of persistence.
 */
public final class NodeConfigs {

    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeConfigs() {
    }

    /**
     * Where the node listens and works, in the foreground. {@code set-proc-title no} keeps a node's command line as
     * it was started, with its config path: that is how the leftovers of a killed test JVM are found.
     */
    public static StringBuilder header(NodeLayout layout) {
        StringBuilder conf = new StringBuilder(1024);
        conf.append("# Rendered by Sentinel Drill\n");
        line(conf, "bind", layout.bind());
        line(conf, "port", layout.port());
        line(conf, "dir", quote(layout.dir()));
        line(conf, "daemonize", "no");
        line(conf, "set-proc-title", "no");
        if (!layout.bind().startsWith("127.")) {
            // Reached from other containers: no password, so protected mode would refuse them.
            line(conf, "protected-mode", "no");
        }
        return conf;
    }

    /**
     * No persistence unless the spec's extra lines ask for it; replicas sync from a diskless stream at once instead of
     * after Redis 7's default delay of 5 s.
     */
    public static void dataNodeDefaults(StringBuilder conf) {
        line(conf, "save", "\"\"");
        line(conf, "appendonly", "no");
        line(conf, "repl-diskless-sync", "yes");
        line(conf, "repl-diskless-sync-delay", 0);
    }

    /** The spec's extra lines, last, so that they win over what came before. */
    public static void extra(StringBuilder conf, List<String> lines) {
        if (!lines.isEmpty()) {
            conf.append("# From the spec\n");
            lines.forEach(l -> conf.append(l.trim()).append('\n'));
        }
    }

    public static void line(StringBuilder conf, String directive, Object value) {
        conf.append(directive).append(' ').append(value).append('\n');
    }

    /** Whether {@code host} is an IPv4 or IPv6 address literal rather than a name. */
    public static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.indexOf(':') >= 0;
    }

    /** A random node id: 40 lowercase hex characters, as Redis's own. */
    public static String randomId() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
