/**
 * JUnit Jupiter support: annotate a test class with {@link io.github.sentineldrill.junit.RedisSentinelCluster} and
 * declare a {@link io.github.sentineldrill.SentinelCluster} parameter, or with
 * {@link io.github.sentineldrill.junit.RedisCluster} and a {@link io.github.sentineldrill.ShardedCluster} one.
 *
 * <pre>{@code
 * @RedisSentinelCluster(replicas = 2, sentinels = 3)
 * class CheckoutFailoverTest {
 *     @Test
 *     void writesGoToTheMaster(SentinelCluster cluster) {
 *         RedisClient client = RedisClient.create(cluster.clientResources(), cluster.sentinelUri());
 *         // ...
 *     }
 * }
 * }</pre>
 */
package io.github.sentineldrill.junit;
