package io.github.sentineldrill.junit;

import io.github.sentineldrill.RedisNode;
import io.github.sentineldrill.RedisTopology;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.ShardedCluster;
import io.github.sentineldrill.drill.DrillListener;
import io.github.sentineldrill.report.DrillReportWriter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The extension behind {@link RedisSentinelCluster} and {@link RedisCluster}; registered by the annotations, not by
 * users.
 *
 * <p>It reads the annotation ({@link TopologyDeclaration}), starts the topology and manages its lifecycle; everything
 * else is the core module's, through its public API. Topologies live in the {@link ExtensionContext.Store} of the
 * context that owns them (the declaring class, or the test method for {@link ClusterLifecycle#PER_METHOD}), so JUnit
 * closes them when that context ends, and classes running in parallel never share one. Each test method gets a drill
 * listener ({@link MethodDrills}) that prints every drill's summary as it ends and writes its report files once the
 * method has ended, with the bounds the method asserted. The extension holds no state of its own.
 */
public final class RedisTopologyExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, TestExecutionExceptionHandler {

    private static final Namespace NAMESPACE = Namespace.create(RedisTopologyExtension.class);
    private static final String DRILLS = "drills of the method";

    @Override
    public void beforeAll(ExtensionContext context) {
        TopologyDeclaration.find(context)
                .filter(declaration -> declaration.classContext() == context)
                .filter(declaration -> declaration.lifecycle() == ClusterLifecycle.PER_CLASS)
                .ifPresent(declaration -> topology(declaration, context));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TopologyDeclaration.find(context).ifPresent(declaration -> {
            RedisTopology topology;
            if (declaration.lifecycle() == ClusterLifecycle.PER_METHOD) {
                topology = topology(declaration, context);
            } else {
                // Heal what the last method left (faults, downed nodes) and check health: a no-op when healthy.
                topology = topology(declaration, declaration.classContext());
                try {
                    topology.reset();
                } catch (RuntimeException e) {
                    e.addSuppressed(FailureDiagnostics.of(describe(topology), nodes(topology), List.of()));
                    throw e;
                }
            }
            // Drills of this method name their report files after it.
            MethodDrills drills = new MethodDrills(context.getRequiredTestClass().getName(),
                    context.getRequiredTestMethod().getName(), DrillReportWriter.into(DrillReportWriter.directory(
                    context.getConfigurationParameter(DrillReportWriter.DIRECTORY_PROPERTY).orElse(null))));
            context.getStore(NAMESPACE).put(DRILLS, new StoredDrills(drills, topology.addDrillListener(drills)));
        });
    }

    /** Adds the nodes' last log lines and the drills' timelines to a failing test's failure. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Optional<RedisTopology> topology = TopologyDeclaration.find(context).flatMap(declaration ->
                Optional.ofNullable((declaration.lifecycle() == ClusterLifecycle.PER_CLASS ? declaration.classContext()
                        : context).getStore(NAMESPACE).get(new StoreKey(declaration.declaringClass()),
                        StoredTopology.class))).map(StoredTopology::topology);
        if (topology.isPresent()) {
            StoredDrills drills = context.getStore(NAMESPACE).get(DRILLS, StoredDrills.class);
            failure.addSuppressed(FailureDiagnostics.of(describe(topology.get()), nodes(topology.get()),
                    drills == null ? List.of() : drills.drills().drills()));
        }
        throw failure;
    }

    /**
     * Writes the report files of every drill the method ran, with the bounds it asserted, and publishes where they are
     * and the figures as report entries (IDEs and the JUnit Platform's own XML reports show them; Surefire's XML keeps
     * the summary the drill printed).
     */
    @Override
    public void afterEach(ExtensionContext context) {
        StoredDrills stored = context.getStore(NAMESPACE).remove(DRILLS, StoredDrills.class);
        if (stored == null) {
            return;
        }
        stored.registration().close();
        stored.drills().writeFiles();
        for (MethodDrills.Recorded drill : stored.drills().drills()) {
            context.publishReportEntry(ReportEntries.of(drill.report(), drill.files()));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == SentinelCluster.class || type == ShardedCluster.class || type == RedisTopology.class;
    }

    @Override
    public RedisTopology resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> wanted = parameterContext.getParameter().getType();
        TopologyDeclaration declaration = TopologyDeclaration.find(extensionContext)
                .orElseThrow(() -> new ParameterResolutionException("Cannot inject a " + wanted.getSimpleName()
                        + " into " + parameterContext.getDeclaringExecutable() + ": neither "
                        + extensionContext.getTestClass().map(Class::getName).orElse("the test class")
                        + " nor a class enclosing it is annotated with "
                        + (wanted == ShardedCluster.class ? "@RedisCluster" : wanted == SentinelCluster.class
                        ? "@RedisSentinelCluster" : "@RedisSentinelCluster or @RedisCluster")));
        if (!wanted.isAssignableFrom(declaration.topologyType())) {
            throw new ParameterResolutionException("Cannot inject a " + wanted.getSimpleName() + " into "
                    + parameterContext.getDeclaringExecutable() + ": " + declaration + " declares a "
                    + declaration.topologyType().getSimpleName() + "; declare the parameter as "
                    + declaration.topologyType().getSimpleName() + " or RedisTopology");
        }
        if (declaration.lifecycle() == ClusterLifecycle.PER_CLASS) {
            return topology(declaration, declaration.classContext());
        }
        if (parameterContext.getDeclaringExecutable() instanceof Constructor<?>
                || extensionContext.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("Cannot inject a " + wanted.getSimpleName() + " into "
                    + parameterContext.getDeclaringExecutable() + ": " + declaration.declaringClass().getName()
                    + " declares lifecycle = PER_METHOD, so a topology exists only while a test method runs."
                    + " Declare the parameter on a test method or on a @BeforeEach / @AfterEach method,"
                    + " or use lifecycle = PER_CLASS.");
        }
        return topology(declaration, extensionContext);
    }

    /** The topology of {@code declaration} stored in {@code owner}, started on first use. */
    private static RedisTopology topology(TopologyDeclaration declaration, ExtensionContext owner) {
        return owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(new StoreKey(declaration.declaringClass()),
                        key -> started(declaration, owner), StoredTopology.class)
                .topology();
    }

    /** Starts a topology and tells where it runs and why, whether or not the build has a logging binding. */
    private static StoredTopology started(TopologyDeclaration declaration, ExtensionContext owner) {
        RedisTopology topology = declaration.start();
        System.out.println("[sentinel-drill] " + declaration + ": topology " + name(topology) + " (id " + topology.id()
                + ") started on " + topology.backend() + " (" + topology.backendChoice() + ")");
        owner.publishReportEntry(ReportEntries.of(declaration.toString(), topology));
        return new StoredTopology(topology);
    }

    private static String describe(RedisTopology topology) {
        return name(topology) + " (" + topology.backend() + ")";
    }

    private static String name(RedisTopology topology) {
        return topology instanceof SentinelCluster sentinel ? "'" + sentinel.masterName() + "'" : "cluster";
    }

    private static Supplier<List<RedisNode>> nodes(RedisTopology topology) {
        return () -> {
            List<RedisNode> nodes = new ArrayList<>(topology.dataNodes());
            if (topology instanceof SentinelCluster sentinel) {
                nodes.addAll(sentinel.sentinels());
            }
            return nodes;
        };
    }

    /** Store key: the class whose annotation the topology comes from. */
    private record StoreKey(Class<?> declaringClass) {
    }

    /** A method's drills and their listener's registration, closed with the method's store. */
    @SuppressWarnings("deprecation")
    private record StoredDrills(MethodDrills drills, DrillListener.Registration registration)
            implements AutoCloseable, ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            registration.close();
        }
    }

    /**
     * A topology in a store. JUnit 5.13 and later close stored {@link AutoCloseable} values; earlier 5.x versions
     * close {@code CloseableResource}s. Both are implemented and closing twice is harmless.
     */
    @SuppressWarnings("deprecation")
    private record StoredTopology(RedisTopology topology)
            implements AutoCloseable, ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            topology.close();
        }
    }
}
