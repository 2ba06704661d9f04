package io.github.sentineldrill.internal;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.NodeAddress;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Renders {@code redis.conf} and {@code sentinel.conf} for speed and determinism, for any backend.
 *
 * <ul>
 *   <li>{@code repl-diskless-sync-delay 0}: replicas sync at once instead of after Redis 7's default 5 s;</li>
 *   <li>no persistence ({@code save ""}, {@code appendonly no}) unless the spec's extra lines ask for it;</li>
 *   <li>{@code set-proc-title no}: a node's command line keeps its config path, which is how leftovers of a killed
 *       test JVM are found;</li>
 *   <li>sentinels pre-seeded with {@code sentinel myid}, {@code known-replica} and {@code known-sentinel}, so they
 *       need no discovery round before they agree.</li>
 * </ul>
 */
public final class ConfigRenderer {

    private ConfigRenderer() {
    }

    /** The identity of a sentinel that other sentinels are told about. */
    public record SentinelIdentity(String id, NodeAddress address) {
        public SentinelIdentity {
            if (!id.matches("[0-9a-f]{40}")) {
                throw new IllegalArgumentException("a sentinel id is 40 lowercase hex characters, was " + id);
            }
        }
    }

    /**
     * A data node.
     *
     * @param bind      the address to listen on
     * @param port      the port to listen on
     * @param dir       the working directory as the node sees it
     * @param announced the address replicas and sentinels use for this node
     * @param replicaOf the master's address, empty for the master
     */
    public static String dataNode(ClusterSpec spec, String bind, int port, String dir, NodeAddress announced,
                                  Optional<NodeAddress> replicaOf) {
        return dataNode(spec, bind, port, dir, announced, replicaOf, StartupStyle.DRILL);
    }

    /** A data node; {@link StartupStyle#STOCK} leaves the diskless-sync settings at Redis's defaults. */
    public static String dataNode(ClusterSpec spec, String bind, int port, String dir, NodeAddress announced,
                                  Optional<NodeAddress> replicaOf, StartupStyle style) {
        StringBuilder conf = header(bind, port, dir);
        line(conf, "save", "\"\"");
        line(conf, "appendonly", "no");
        if (style == StartupStyle.DRILL) {
            line(conf, "repl-diskless-sync", "yes");
            line(conf, "repl-diskless-sync-delay", 0);
        }
        line(conf, "replica-announce-ip", announced.host());
        line(conf, "replica-announce-port", announced.port());
        replicaOf.ifPresent(master -> line(conf, "replicaof", master.host() + " " + master.port()));
        extra(conf, spec.redisConfig());
        return conf.toString();
    }

    /**
     * A sentinel, pre-seeded with the whole topology.
     *
     * @param bind     the address to listen on
     * @param port     the port to listen on
     * @param dir      the working directory as the sentinel sees it
     * @param self     this sentinel's id and the address other sentinels use for it
     * @param master   the master's announced address
     * @param replicas the replicas' announced addresses
     * @param others   the other sentinels
     */
    public static String sentinel(ClusterSpec spec, String bind, int port, String dir, SentinelIdentity self,
                                  NodeAddress master, List<NodeAddress> replicas, List<SentinelIdentity> others) {
        return sentinel(spec, bind, port, dir, self, master, replicas, others, StartupStyle.DRILL);
    }

    /** A sentinel; {@link StartupStyle#STOCK} leaves out its id and what it would otherwise be told of its peers. */
    public static String sentinel(ClusterSpec spec, String bind, int port, String dir, SentinelIdentity self,
                                  NodeAddress master, List<NodeAddress> replicas, List<SentinelIdentity> others,
                                  StartupStyle style) {
        boolean seeded = style == StartupStyle.DRILL;
        String name = spec.masterName();
        StringBuilder conf = header(bind, port, dir);
        boolean anyHostname = Stream.concat(
                        Stream.of(master, self.address()),
                        Stream.concat(replicas.stream(), others.stream().map(SentinelIdentity::address)))
                .anyMatch(address -> !isIpLiteral(address.host()));
        if (anyHostname) {
            // Nodes known by name (a container network's aliases): resolve them, and hand them out as names.
            line(conf, "sentinel resolve-hostnames", "yes");
            line(conf, "sentinel announce-hostnames", "yes");
        }
        if (seeded) {
            line(conf, "sentinel myid", self.id());
        }
        line(conf, "sentinel announce-ip", self.address().host());
        line(conf, "sentinel announce-port", self.address().port());
        line(conf, "sentinel monitor", name + " " + master.host() + " " + master.port() + " " + spec.effectiveQuorum());
        line(conf, "sentinel down-after-milliseconds", name + " " + spec.downAfter().toMillis());
        line(conf, "sentinel failover-timeout", name + " " + spec.failoverTimeout().toMillis());
        line(conf, "sentinel parallel-syncs", name + " " + spec.parallelSyncs());
        for (NodeAddress replica : seeded ? replicas : List.<NodeAddress>of()) {
            line(conf, "sentinel known-replica", name + " " + replica.host() + " " + replica.port());
        }
        for (SentinelIdentity other : seeded ? others : List.<SentinelIdentity>of()) {
            line(conf, "sentinel known-sentinel", name + " " + other.address().host() + " "
                    + other.address().port() + " " + other.id());
        }
        extra(conf, spec.sentinelConfig());
        return conf.toString();
    }

    /** What every node's config starts with: where it listens and works, in the foreground, with its own title. */
    private static StringBuilder header(String bind, int port, String dir) {
        StringBuilder conf = new StringBuilder(1024);
        conf.append("# Rendered by Sentinel Drill\n");
        line(conf, "bind", bind);
        line(conf, "port", port);
        line(conf, "dir", quote(dir));
        line(conf, "daemonize", "no");
        line(conf, "set-proc-title", "no");
        if (!bind.startsWith("127.")) {
            // Reached from other containers: no password, so protected mode would refuse them.
            line(conf, "protected-mode", "no");
        }
        return conf;
    }

    /** Whether {@code host} is an IPv4 or IPv6 address literal rather than a name. */
    static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.indexOf(':') >= 0;
    }

    private static void extra(StringBuilder conf, List<String> lines) {
        if (!lines.isEmpty()) {
            conf.append("# From the spec\n");
            lines.forEach(l -> conf.append(l.trim()).append('\n'));
        }
    }

    private static void line(StringBuilder conf, String directive, Object value) {
        conf.append(directive).append(' ').append(value).append('\n');
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
