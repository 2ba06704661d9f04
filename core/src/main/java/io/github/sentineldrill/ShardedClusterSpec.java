package io.github.sentineldrill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What Redis Cluster to start: {@code shards} masters, each with {@code replicasPerShard} replicas, the 16384 hash
 * slots split evenly between the shards in order. Build one with {@link #builder()}; {@link Builder#build()} rejects
 * values that cannot work with an {@link InvalidClusterSpecException} naming the attribute.
 *
 * <pre>{@code
 * ShardedClusterSpec spec = ShardedClusterSpec.builder()
 *     .shards(3).replicasPerShard(1)
 *     .nodeTimeout(Duration.ofMillis(1000))
 *     .build();
 * }</pre>
 *
 * <p>A shard's failover needs the votes of a majority of the masters: with fewer than three shards, the loss of a
 * master cannot be repaired by a failover (a real cluster has the same limit).
 *
 * @param shards           masters, 1 to {@value #MAX_SHARDS}
 * @param replicasPerShard replicas of each master, 0 to {@value #MAX_REPLICAS_PER_SHARD}
 * @param nodeTimeout      Redis's {@code cluster-node-timeout}: how long a node must be unreachable to be failing
 * @param backend          where the nodes run
 * @param image            the Docker image for the DOCKER backend; empty for the default
 * @param redisBinary      the {@code redis-server} binary for the LOCAL backend; empty to look it up, or
 *                         {@code "embedded"} for the binaries shipped in the embedded-redis jar
 * @param redisConfig      extra {@code redis.conf} lines for every node
 * @param startTimeout     how long {@link ShardedCluster#start} may take before it gives up
 */
public record ShardedClusterSpec(
        int shards,
        int replicasPerShard,
        Duration nodeTimeout,
        Backend backend,
        String image,
        String redisBinary,
        List<String> redisConfig,
        Duration startTimeout) {

    public static final int MAX_SHARDS = 16;
    public static final int MAX_REPLICAS_PER_SHARD = 5;
    public static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofMillis(1000);
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    /** Directives Sentinel Drill writes itself. */
    private static final Set<String> MANAGED_DIRECTIVES = Set.of(
            "port", "bind", "dir", "daemonize", "logfile", "set-proc-title", "replicaof", "slaveof",
            "cluster-enabled", "cluster-config-file", "cluster-node-timeout", "cluster-port",
            "cluster-announce-ip", "cluster-announce-port", "cluster-announce-bus-port",
            "cluster-announce-tls-port", "cluster-announce-hostname", "replica-announce-ip", "replica-announce-port");

    /** Validates like {@link Builder#build()}. */
    public ShardedClusterSpec {
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new InvalidClusterSpecException("shards", shards, "1 to " + MAX_SHARDS);
        }
        if (replicasPerShard < 0 || replicasPerShard > MAX_REPLICAS_PER_SHARD) {
            throw new InvalidClusterSpecException("replicasPerShard", replicasPerShard,
                    "0 to " + MAX_REPLICAS_PER_SHARD);
        }
        requireWholePositiveMillis("nodeTimeout", nodeTimeout);
        if (backend == null) {
            throw new InvalidClusterSpecException("backend", null, "one of AUTO, LOCAL, DOCKER");
        }
        if (image == null) {
            throw new InvalidClusterSpecException("image", null, "an image name, or \"\" for the default");
        }
        if (redisBinary == null) {
            throw new InvalidClusterSpecException("redisBinary", null,
                    "a path to redis-server, \"" + ClusterSpec.EMBEDDED_BINARY + "\", or \"\" to look it up");
        }
        if (redisConfig == null) {
            throw new InvalidClusterSpecException("redisConfig", null, "a list of configuration lines, possibly empty");
        }
        for (String line : redisConfig) {
            if (line == null || line.isBlank() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new InvalidClusterSpecException("redisConfig", line,
                        "non-blank single-line configuration directives");
            }
            String directive = line.trim().toLowerCase(Locale.ROOT).split("\\s+")[0];
            if (MANAGED_DIRECTIVES.contains(directive)) {
                throw new InvalidClusterSpecException("redisConfig", line, "'" + directive
                        + "' is set by Sentinel Drill" + (directive.equals("cluster-node-timeout")
                        ? " from nodeTimeout" : "") + "; leave it out");
            }
        }
        redisConfig = List.copyOf(redisConfig);
        requireWholePositiveMillis("startTimeout", startTimeout);
    }

    /** A builder with the defaults: 3 shards of 1 master and 1 replica, node-timeout 1 s, AUTO backend. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this spec. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Every node: the masters and their replicas. */
    public int nodes() {
        return shards * (1 + replicasPerShard);
    }

    private static void requireWholePositiveMillis(String attribute, Duration value) {
        if (value == null || value.isNegative() || value.toMillis() < 1) {
            throw new InvalidClusterSpecException(attribute, value, "a duration of at least 1 ms");
        }
    }

    /** Builds a {@link ShardedClusterSpec}; every setter returns the builder, {@link #build()} validates. */
    public static final class Builder {
        private int shards = 3;
        private int replicasPerShard = 1;
        private Duration nodeTimeout = DEFAULT_NODE_TIMEOUT;
        private Backend backend = Backend.AUTO;
        private String image = "";
        private String redisBinary = "";
        private List<String> redisConfig = new ArrayList<>();
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        private Builder(ShardedClusterSpec spec) {
            shards = spec.shards;
            replicasPerShard = spec.replicasPerShard;
            nodeTimeout = spec.nodeTimeout;
            backend = spec.backend;
            image = spec.image;
            redisBinary = spec.redisBinary;
            redisConfig = new ArrayList<>(spec.redisConfig);
            startTimeout = spec.startTimeout;
        }

        public Builder shards(int shards) {
            this.shards = shards;
            return this;
        }

        public Builder replicasPerShard(int replicasPerShard) {
            this.replicasPerShard = replicasPerShard;
            return this;
        }

        /** Redis's {@code cluster-node-timeout}. */
        public Builder nodeTimeout(Duration nodeTimeout) {
            this.nodeTimeout = nodeTimeout;
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

        /** Replaces the extra {@code redis.conf} lines of every node. */
        public Builder redisConfig(String... lines) {
            return redisConfig(lines == null ? null : List.of(lines));
        }

        /** Replaces the extra {@code redis.conf} lines of every node. */
        public Builder redisConfig(List<String> lines) {
            this.redisConfig = lines == null ? null : new ArrayList<>(lines);
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** @throws InvalidClusterSpecException naming the first attribute whose value cannot work */
        public ShardedClusterSpec build() {
            return new ShardedClusterSpec(shards, replicasPerShard, nodeTimeout, backend, image, redisBinary,
                    redisConfig, startTimeout);
        }
    }
}
