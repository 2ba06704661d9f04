/**
 * Redis Sentinel topologies for tests: start one with {@link io.github.sentineldrill.SentinelCluster#start},
 * connect through {@link io.github.sentineldrill.SentinelCluster#sentinelUri()}, close it when done.
 *
 * <pre>{@code
 * try (SentinelCluster cluster = SentinelCluster.start(ClusterSpec.builder().replicas(2).sentinels(3).build())) {
 *     RedisClient client = RedisClient.create(cluster.clientResources(), cluster.sentinelUri());
 *     // ...
 * }
 * }</pre>
 *
 * <p>This package knows nothing of JUnit; the {@code sentinel-drill-junit-extension} module adds the annotation.
 */
package io.github.sentineldrill;
