package io.github.sentineldrill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What topology to start: one master, {@code replicas} replicas and {@code sentinels} sentinels, and how the sentinels
 * watch the master. Build one with {@link #builder()}; {@link Builder#build()} rejects values that cannot work with an
 * {@link InvalidClusterSpecException} naming the attribute.
 *
 * <pre>{@code
 * ClusterSpec spec = ClusterSpec.builder()
 *     .replicas(2).sentinels(3).quorum(2)
 *     .downAfter(Duration.ofMillis(1000))
 *     .redisConfig("min-replicas-to-write 1")
 *     .build();
 * }</pre>
 *
 * @param replicas        replicas of the master, 0 to {@value #MAX_REPLICAS}
 * @param sentinels       sentinels watching the master, 1 to {@value #MAX_SENTINELS}
 * @param quorum          sentinels that must agree the master is down; 0 means a majority of {@code sentinels}
 * @param masterName      the name sentinels monitor the master under
 * @param downAfter       Sentinel's {@code down-after-milliseconds}
 * @param failoverTimeout Sentinel's {@code failover-timeout}
 * @param parallelSyncs   Sentinel's {@code parallel-syncs}
 * @param backend         where the nodes run
 * @param image           the Docker image for the DOCKER backend; empty for the default
 * @param redisBinary     the {@code redis-server} binary for the LOCAL backend; empty to look it up, or
 *                        {@code "embedded"} for the binaries shipped in the embedded-redis jar
 * @param redisConfig     extra {@code redis.conf} lines for every data node
 * @param sentinelConfig  extra {@code sentinel.conf} lines for every sentinel
 * @param startTimeout    how long {@link SentinelCluster#start} may take before it gives up
 */
public record ClusterSpec(
        int replicas,
        int sentinels,
        int quorum,
        String masterName,
        Duration downAfter,
        Duration failoverTimeout,
        int parallelSyncs,
        Backend backend,
        String image,
        String redisBinary,
        List<String> redisConfig,
        List<String> sentinelConfig,
        Duration startTimeout) {

    public static final int MAX_REPLICAS = 16;
    public static final int MAX_SENTINELS = 16;
    public static final String DEFAULT_MASTER_NAME = "mymaster";
    public static final Duration DEFAULT_DOWN_AFTER = Duration.ofMillis(1000);
    public static final Duration DEFAULT_FAILOVER_TIMEOUT = Duration.ofMillis(10_000);
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    /** The value of {@code redisBinary} that selects the binaries shipped in the embedded-redis jar. */
    public static final String EMBEDDED_BINARY = "embedded";

    private static final Pattern MASTER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Directives of data nodes that Sentinel Drill writes itself. */
    private static final Set<String> MANAGED_REDIS_DIRECTIVES = Set.of(
            "port", "bind", "dir", "daemonize", "logfile", "set-proc-title", "replicaof", "slaveof",
            "replica-announce-ip", "replica-announce-port", "slave-announce-ip", "slave-announce-port");

    /** Directives of sentinels that Sentinel Drill writes itself (after "sentinel", where there is one). */
    private static final Set<String> MANAGED_SENTINEL_DIRECTIVES = Set.of(
            "port", "bind", "dir", "daemonize", "logfile", "set-proc-title",
            "sentinel monitor", "sentinel myid", "sentinel announce-ip", "sentinel announce-port",
            "sentinel known-replica", "sentinel known-slave", "sentinel known-sentinel",
            "sentinel down-after-milliseconds", "sentinel failover-timeout", "sentinel parallel-syncs");

    /** Validates like {@link Builder#build()}. */
    public ClusterSpec {
        requireInRange("replicas", replicas, 0, MAX_REPLICAS);
        requireInRange("sentinels", sentinels, 1, MAX_SENTINELS);
        if (quorum < 0 || quorum > sentinels) {
            throw new InvalidClusterSpecException("quorum", quorum,
                    "0 (a majority of the sentinels) to sentinels (" + sentinels + ")");
        }
        if (masterName == null || !MASTER_NAME.matcher(masterName).matches()) {
            throw new InvalidClusterSpecException("masterName", masterName,
                    "1 to 64 characters of letters, digits, '.', '_' and '-'");
        }
        requireWholePositiveMillis("downAfter", downAfter);
        requireWholePositiveMillis("failoverTimeout", failoverTimeout);
        requireInRange("parallelSyncs", parallelSyncs, 1, MAX_REPLICAS);
        if (backend == null) {
            throw new InvalidClusterSpecException("backend", null, "one of AUTO, LOCAL, DOCKER");
        }
        if (image == null) {
            throw new InvalidClusterSpecException("image", null, "an image name, or \"\" for the default");
        }
        if (redisBinary == null) {
            throw new InvalidClusterSpecException("redisBinary", null,
                    "a path to redis-server, \"" + EMBEDDED_BINARY + "\", or \"\" to look it up");
        }
        redisConfig = checkedLines("redisConfig", redisConfig, MANAGED_REDIS_DIRECTIVES);
        sentinelConfig = checkedLines("sentinelConfig", sentinelConfig, MANAGED_SENTINEL_DIRECTIVES);
        requireWholePositiveMillis("startTimeout", startTimeout);
    }

    /** A builder with the defaults: 2 replicas, 3 sentinels, a majority quorum, down-after 1 s, AUTO backend. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this spec. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The quorum the sentinels are configured with: {@link #quorum()}, or a majority when that is 0. */
    public int effectiveQuorum() {
        return quorum == 0 ? sentinels / 2 + 1 : quorum;
    }

    /** Number of data nodes: the master and its replicas. */
    public int dataNodes() {
        return replicas + 1;
    }

    private static void requireInRange(String attribute, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidClusterSpecException(attribute, value, min + " to " + max);
        }
    }

    private static void requireWholePositiveMillis(String attribute, Duration value) {
        if (value == null || value.isNegative() || value.toMillis() < 1) {
            throw new InvalidClusterSpecException(attribute, value, "a duration of at least 1 ms");
        }
    }

    private static List<String> checkedLines(String attribute, List<String> lines, Set<String> managed) {
        if (lines == null) {
            throw new InvalidClusterSpecException(attribute, null, "a list of configuration lines, possibly empty");
        }
        for (String line : lines) {
            if (line == null || line.isBlank() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new InvalidClusterSpecException(attribute, line, "non-blank single-line configuration directives");
            }
            String directive = directiveOf(line);
            if (managed.contains(directive)) {
                throw new InvalidClusterSpecException(attribute, line, "'" + directive
                        + "' is set by Sentinel Drill" + attributeHint(directive) + "; leave it out");
            }
        }
        return List.copyOf(lines);
    }

    private static String directiveOf(String line) {
        String[] words = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
        return words[0].equals("sentinel") && words.length > 1 ? "sentinel " + words[1] : words[0];
    }

    private static String attributeHint(String directive) {
        return switch (directive) {
            case "sentinel down-after-milliseconds" -> " from downAfter";
            case "sentinel failover-timeout" -> " from failoverTimeout";
            case "sentinel parallel-syncs" -> " from parallelSyncs";
            case "sentinel monitor" -> " from masterName and quorum";
            default -> "";
        };
    }

    /** Builds a {@link ClusterSpec}; every setter returns the builder, {@link #build()} validates. */
    public static final class Builder {
        private int replicas = 2;
        private int sentinels = 3;
        private int quorum = 0;
        private String masterName = DEFAULT_MASTER_NAME;
        private Duration downAfter = DEFAULT_DOWN_AFTER;
        private Duration failoverTimeout = DEFAULT_FAILOVER_TIMEOUT;
        private int parallelSyncs = 1;
        private Backend backend = Backend.AUTO;
        private String image = "";
        private String redisBinary = "";
        private List<String> redisConfig = new ArrayList<>();
        private List<String> sentinelConfig = new ArrayList<>();
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        private Builder(ClusterSpec spec) {
            replicas = spec.replicas;
            sentinels = spec.sentinels;
            quorum = spec.quorum;
            masterName = spec.masterName;
            downAfter = spec.downAfter;
            failoverTimeout = spec.failoverTimeout;
            parallelSyncs = spec.parallelSyncs;
            backend = spec.backend;
            image = spec.image;
            redisBinary = spec.redisBinary;
            redisConfig = new ArrayList<>(spec.redisConfig);
            sentinelConfig = new ArrayList<>(spec.sentinelConfig);
            startTimeout = spec.startTimeout;
        }

        public Builder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        public Builder sentinels(int sentinels) {
            this.sentinels = sentinels;
            return this;
        }

        /** Sentinels that must agree the master is down; 0 (the default) means a majority. */
        public Builder quorum(int quorum) {
            this.quorum = quorum;
            return this;
        }

        public Builder masterName(String masterName) {
            this.masterName = masterName;
            return this;
        }

        public Builder downAfter(Duration downAfter) {
            this.downAfter = downAfter;
            return this;
        }

        public Builder failoverTimeout(Duration failoverTimeout) {
            this.failoverTimeout = failoverTimeout;
            return this;
        }

        public Builder parallelSyncs(int parallelSyncs) {
            this.parallelSyncs = parallelSyncs;
            return this;
        }

        public Builder backend(Backend backend) {
            this.backend = backend;
            return this;
        }

        /** The Docker image of the DOCKER backend; {@code ""} for the default. */
        public Builder image(String image) {
            this.image = image;
            return this;
        }

        /** A path to {@code redis-server}, {@value ClusterSpec#EMBEDDED_BINARY}, or {@code ""} to look it up. */
        public Builder redisBinary(String redisBinary) {
            this.redisBinary = redisBinary;
            return this;
        }

        /** Replaces the extra {@code redis.conf} lines of every data node. */
        public Builder redisConfig(String... lines) {
            return redisConfig(lines == null ? null : List.of(lines));
        }

        /** Replaces the extra {@code redis.conf} lines of every data node. */
        public Builder redisConfig(List<String> lines) {
            this.redisConfig = lines == null ? null : new ArrayList<>(lines);
            return this;
        }

        /** Replaces the extra {@code sentinel.conf} lines of every sentinel. */
        public Builder sentinelConfig(String... lines) {
            return sentinelConfig(lines == null ? null : List.of(lines));
        }

        /** Replaces the extra {@code sentinel.conf} lines of every sentinel. */
        public Builder sentinelConfig(List<String> lines) {
            this.sentinelConfig = lines == null ? null : new ArrayList<>(lines);
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** @throws InvalidClusterSpecException naming the first attribute whose value cannot work */
        public ClusterSpec build() {
            return new ClusterSpec(replicas, sentinels, quorum, masterName, downAfter, failoverTimeout,
                    parallelSyncs, backend, image, redisBinary, redisConfig, sentinelConfig, startTimeout);
        }
    }
}
