package io.github.sentineldrill.junit;

import io.github.sentineldrill.Backend;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a Redis Cluster for a test class and injects it as a {@link io.github.sentineldrill.ShardedCluster} parameter
 * of test methods, lifecycle methods and constructors.
 *
 * <pre>{@code
 * @RedisCluster(shards = 3, replicasPerShard = 1, nodeTimeoutMillis = 1000)
 * class CartFailoverTest {
 *     @Test
 *     void shardMasterCrash(ShardedCluster cluster) {
 *         FailoverReport report = cluster.drill().load(WriteLoad.everyMillis(10)).fault(Faults.killMaster()).run();
 *         assertThat(report).failedOverWithin(Duration.ofSeconds(5)).hasNoLostWrites();
 *     }
 * }
 * }</pre>
 *
 * <p>By default ({@link ClusterLifecycle#PER_CLASS}) the class and its {@code @Nested} classes share one cluster,
 * reset before each test method (every shard back to its first master) and closed after the class. Invalid values
 * fail the class before anything starts, with a message that names the attribute.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RedisTopologyExtension.class)
public @interface RedisCluster {

    /** Shards (masters), 1 to 16, the hash slots split evenly between them; failovers need 3 or more. */
    int shards() default 3;

    /** Replicas of each master, 0 to 5. */
    int replicasPerShard() default 1;

    /** Redis's {@code cluster-node-timeout}: how long a node must be unreachable to be failing, in milliseconds. */
    long nodeTimeoutMillis() default 1000;

    /** Where the nodes run; AUTO picks Docker when it is available, else LOCAL. */
    Backend backend() default Backend.AUTO;

    /** The Docker image of the DOCKER backend; {@code ""} for the default. */
    String image() default "";

    /** The {@code redis-server} of the LOCAL backend: a path, {@code "embedded"}, or {@code ""} to look one up. */
    String redisBinary() default "";

    /** Extra {@code redis.conf} lines for every node, such as {@code "cluster-require-full-coverage no"}. */
    String[] redisConfig() default {};

    /** How long starting the cluster may take, in milliseconds. */
    long startTimeoutMillis() default 30_000;

    /** One cluster for the class (default) or a fresh one for each test method. */
    ClusterLifecycle lifecycle() default ClusterLifecycle.PER_CLASS;
}
