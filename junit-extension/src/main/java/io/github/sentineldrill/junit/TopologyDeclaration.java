package io.github.sentineldrill.junit;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.InvalidClusterSpecException;
import io.github.sentineldrill.RedisTopology;
import io.github.sentineldrill.SentinelCluster;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A topology annotation ({@link RedisSentinelCluster}, {@link RedisCluster}) and the class context it governs: the
 * nearest class, from the current context outwards through {@code @Nested} enclosing classes, that carries one
 * (directly, inherited from a superclass, or through a meta-annotation). This is the one place where an annotation
 * becomes a spec and a started topology.
 */
final class TopologyDeclaration {

    private static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(RedisSentinelCluster.class,
            RedisCluster.class);

    private final Annotation annotation;
    private final Class<?> declaringClass;
    private final ExtensionContext classContext;

    private TopologyDeclaration(Annotation annotation, Class<?> declaringClass, ExtensionContext classContext) {
        this.annotation = annotation;
        this.declaringClass = declaringClass;
        this.classContext = classContext;
    }

    static Optional<TopologyDeclaration> find(ExtensionContext context) {
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
             current = current.get().getParent()) {
            ExtensionContext candidate = current.get();
            if (candidate.getTestClass().isEmpty() || candidate.getTestMethod().isPresent()) {
                continue;
            }
            Class<?> testClass = candidate.getTestClass().get();
            List<String> sources = sources(testClass);
            if (sources.size() > 1) {
                throw new ExtensionConfigurationException("A topology annotation on " + testClass.getName()
                        + " is declared " + sources.size() + " times: " + String.join(", ", sources)
                        + ". A test class takes one topology: keep one declaration, with every attribute it needs.");
            }
            for (Class<? extends Annotation> type : ANNOTATIONS) {
                Optional<? extends Annotation> found = AnnotationSupport.findAnnotation(testClass, type);
                if (found.isPresent()) {
                    return Optional.of(new TopologyDeclaration(found.get(), testClass, candidate));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Where a class gets its topology annotation from, on the first class of its hierarchy that has one at all:
     * directly, and through each meta-annotation that carries one. More than one is a conflict.
     */
    private static List<String> sources(Class<?> testClass) {
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            List<String> sources = new ArrayList<>();
            String where = type == testClass ? "" : " on its superclass " + type.getName();
            for (Annotation annotation : type.getDeclaredAnnotations()) {
                for (Class<? extends Annotation> kind : ANNOTATIONS) {
                    if (kind.isInstance(annotation)) {
                        sources.add("@" + kind.getSimpleName() + " directly" + where);
                    } else if (AnnotationSupport.isAnnotated(annotation.annotationType(), kind)) {
                        sources.add("@" + kind.getSimpleName() + " through @" + annotation.annotationType().getName()
                                + where);
                    }
                }
            }
            if (!sources.isEmpty()) {
                return sources;
            }
        }
        return List.of();
    }

    Class<?> declaringClass() {
        return declaringClass;
    }

    ExtensionContext classContext() {
        return classContext;
    }

    /** {@code @RedisSentinelCluster} or {@code @RedisCluster}. */
    String annotationName() {
        return "@" + annotation.annotationType().getSimpleName();
    }

    /** The type of the topology it declares: {@link SentinelCluster} or {@link io.github.sentineldrill.ShardedCluster}. */
    Class<? extends RedisTopology> topologyType() {
        return annotation instanceof RedisSentinelCluster ? SentinelCluster.class
                : io.github.sentineldrill.ShardedCluster.class;
    }

    ClusterLifecycle lifecycle() {
        return annotation instanceof RedisSentinelCluster sentinel ? sentinel.lifecycle()
                : ((RedisCluster) annotation).lifecycle();
    }

    /**
     * Starts the topology the annotation asks for.
     *
     * @throws ExtensionConfigurationException naming the annotation attribute, its value and what is allowed
     */
    RedisTopology start() {
        try {
            return annotation instanceof RedisSentinelCluster sentinel ? SentinelCluster.start(sentinelSpec(sentinel))
                    : ShardedDeclarations.start((RedisCluster) annotation);
        } catch (InvalidClusterSpecException e) {
            throw misconfigured(e);
        }
    }

    private static ClusterSpec sentinelSpec(RedisSentinelCluster a) {
        return ClusterSpec.builder()
                .replicas(a.replicas())
                .sentinels(a.sentinels())
                .quorum(a.quorum())
                .masterName(a.masterName())
                .downAfter(Duration.ofMillis(a.downAfterMillis()))
                .failoverTimeout(Duration.ofMillis(a.failoverTimeoutMillis()))
                .parallelSyncs(a.parallelSyncs())
                .backend(a.backend())
                .image(a.image())
                .redisBinary(a.redisBinary())
                .redisConfig(a.redisConfig())
                .sentinelConfig(a.sentinelConfig())
                .startTimeout(Duration.ofMillis(a.startTimeoutMillis()))
                .build();
    }

    /** The builder's attributes that the annotation names in milliseconds, with the annotation's value. */
    private Map<String, Object> millisecondAttributes() {
        if (annotation instanceof RedisSentinelCluster a) {
            return Map.of("downAfter", a.downAfterMillis(), "failoverTimeout", a.failoverTimeoutMillis(),
                    "startTimeout", a.startTimeoutMillis());
        }
        RedisCluster a = (RedisCluster) annotation;
        return Map.of("nodeTimeout", a.nodeTimeoutMillis(), "startTimeout", a.startTimeoutMillis());
    }

    /** An {@link InvalidClusterSpecException} in the words of the annotation. */
    ExtensionConfigurationException misconfigured(InvalidClusterSpecException e) {
        String attribute = e.attribute();
        Object value = e.value();
        Map<String, Object> millis = millisecondAttributes();
        if (millis.containsKey(attribute)) {
            value = millis.get(attribute);
            attribute = attribute + "Millis";
        }
        String allowed = e.allowed().replace("a duration of at least 1 ms", "at least 1 (milliseconds)");
        return new ExtensionConfigurationException(annotationName() + " on " + declaringClass.getName() + ": "
                + attribute + " = " + InvalidClusterSpecException.render(value) + " is not allowed: " + allowed, e);
    }

    @Override
    public String toString() {
        return annotationName() + " on " + declaringClass.getName();
    }
}
