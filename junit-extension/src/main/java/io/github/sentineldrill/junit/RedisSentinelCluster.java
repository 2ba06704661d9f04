package io.github.sentineldrill.junit;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a Redis Sentinel topology for a test class and injects it as a {@link io.github.sentineldrill.SentinelCluster}
 * parameter of test methods, lifecycle methods and constructors.
 *
 * <pre>{@code
 * @RedisSentinelCluster(replicas = 2, sentinels = 3, downAfterMillis = 1000)
 * class CheckoutFailoverTest {
 *     @Test
 *     void masterAnswers(SentinelCluster cluster) {
 *         assertThat(cluster.master().name()).isEqualTo("redis-0");
 *     }
 * }
 * }</pre>
 *
 * <p>By default ({@link ClusterLifecycle#PER_CLASS}) the class and its {@code @Nested} classes share one topology,
 * closed after the class; {@link #lifecycle()} {@code = PER_METHOD} gives each test method its own. The annotation is
 * inherited by subclasses and may be used as a meta-annotation. Invalid values fail the class before anything starts,
 * with a message that names the attribute.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RedisTopologyExtension.class)
public @interface RedisSentinelCluster {

    /** Replicas of the master, 0 to 16. */
    int replicas() default 2;

    /** Sentinels watching the master, 1 to 16. */
    int sentinels() default 3;

    /** Sentinels that must agree the master is down, up to {@link #sentinels()}; 0 means a majority. */
    int quorum() default 0;

    /** The name sentinels monitor the master under. */
    String masterName() default ClusterSpec.DEFAULT_MASTER_NAME;

    /** Sentinel's {@code down-after-milliseconds}: how long the master must be unreachable to be seen as down. */
    long downAfterMillis() default 1000;

    /** Sentinel's {@code failover-timeout}, in milliseconds. */
    long failoverTimeoutMillis() default 10_000;

    /** Sentinel's {@code parallel-syncs}: replicas reconfigured at once after a failover, 1 to 16. */
    int parallelSyncs() default 1;

    /** Where the nodes run; AUTO picks Docker when it is available, else LOCAL. */
    Backend backend() default Backend.AUTO;

    /** The Docker image of the DOCKER backend; {@code ""} for the default. */
    String image() default "";

    /**
     * The {@code redis-server} of the LOCAL backend: a path, {@code "embedded"} for the binaries of the embedded-redis
     * jar, or {@code ""} to look one up (system property {@code sentinel-drill.redis.binary}, environment variable
     * {@code SENTINEL_DRILL_REDIS_BINARY}, the {@code PATH}, then the embedded-redis jar).
     */
    String redisBinary() default "";

    /** Extra {@code redis.conf} lines for every data node, such as {@code "min-replicas-to-write 1"}. */
    String[] redisConfig() default {};

    /** Extra {@code sentinel.conf} lines for every sentinel. */
    String[] sentinelConfig() default {};

    /** How long starting the topology may take, in milliseconds. */
    long startTimeoutMillis() default 30_000;

    /** One topology for the class (default) or a fresh one for each test method. */
    ClusterLifecycle lifecycle() default ClusterLifecycle.PER_CLASS;
}
