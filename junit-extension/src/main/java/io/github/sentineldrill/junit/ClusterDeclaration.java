package io.github.sentineldrill.junit;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.InvalidClusterSpecException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A {@link RedisSentinelCluster} and the class context it governs: the nearest class, from the current context
 * outwards through {@code @Nested} enclosing classes, that carries the annotation (directly, inherited from a
 * superclass, or through a meta-annotation). This is the one place where the annotation becomes a {@link ClusterSpec}.
 */
record ClusterDeclaration(RedisSentinelCluster annotation, Class<?> declaringClass, ExtensionContext classContext) {

    static Optional<ClusterDeclaration> find(ExtensionContext context) {
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
             current = current.get().getParent()) {
            ExtensionContext candidate = current.get();
            if (candidate.getTestClass().isEmpty() || candidate.getTestMethod().isPresent()) {
                continue;
            }
            Class<?> testClass = candidate.getTestClass().get();
            Optional<RedisSentinelCluster> annotation =
                    AnnotationSupport.findAnnotation(testClass, RedisSentinelCluster.class);
            if (annotation.isPresent()) {
                List<String> sources = sources(testClass);
                if (sources.size() > 1) {
                    throw new ExtensionConfigurationException("@RedisSentinelCluster on " + testClass.getName()
                            + " is declared " + sources.size() + " times: " + String.join(", ", sources)
                            + ". A test class takes one topology: keep one declaration, with every attribute it"
                            + " needs.");
                }
                return Optional.of(new ClusterDeclaration(annotation.get(), testClass, candidate));
            }
        }
        return Optional.empty();
    }

    /**
     * Where a class gets the annotation from, on the first class of its hierarchy that has it at all: directly, and
     * through each meta-annotation that carries it. More than one is a conflict.
     */
    private static List<String> sources(Class<?> testClass) {
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            List<String> sources = new ArrayList<>();
            String where = type == testClass ? "" : " on its superclass " + type.getName();
            for (Annotation annotation : type.getDeclaredAnnotations()) {
                if (annotation instanceof RedisSentinelCluster) {
                    sources.add("directly" + where);
                } else if (AnnotationSupport.isAnnotated(annotation.annotationType(), RedisSentinelCluster.class)) {
                    sources.add("through @" + annotation.annotationType().getName() + where);
                }
            }
            if (!sources.isEmpty()) {
                return sources;
            }
        }
        return List.of();
    }

    ClusterLifecycle lifecycle() {
        return annotation.lifecycle();
    }

    /**
     * The spec the annotation asks for.
     *
     * @throws ExtensionConfigurationException naming the annotation attribute, its value and what is allowed
     */
    ClusterSpec spec() {
        RedisSentinelCluster a = annotation;
        try {
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
        } catch (InvalidClusterSpecException e) {
            throw misconfigured(e);
        }
    }

    /** An {@link InvalidClusterSpecException} in the words of the annotation. */
    ExtensionConfigurationException misconfigured(InvalidClusterSpecException e) {
        String attribute = e.attribute();
        Object value = e.value();
        switch (attribute) {
            case "downAfter" -> {
                attribute = "downAfterMillis";
                value = annotation.downAfterMillis();
            }
            case "failoverTimeout" -> {
                attribute = "failoverTimeoutMillis";
                value = annotation.failoverTimeoutMillis();
            }
            case "startTimeout" -> {
                attribute = "startTimeoutMillis";
                value = annotation.startTimeoutMillis();
            }
            default -> {
                // Same name on the annotation and the builder.
            }
        }
        String allowed = e.allowed().replace("a duration of at least 1 ms", "at least 1 (milliseconds)");
        return new ExtensionConfigurationException("@RedisSentinelCluster on " + declaringClass.getName() + ": "
                + attribute + " = " + InvalidClusterSpecException.render(value) + " is not allowed: " + allowed, e);
    }

    @Override
    public String toString() {
        return "@RedisSentinelCluster on " + declaringClass.getName() + " " + Arrays.toString(new Object[] {
            annotation.replicas() + " replicas", annotation.sentinels() + " sentinels", annotation.lifecycle()});
    }
}
