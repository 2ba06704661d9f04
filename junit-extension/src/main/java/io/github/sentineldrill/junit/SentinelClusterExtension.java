package io.github.sentineldrill.junit;

import io.github.sentineldrill.InvalidClusterSpecException;
import io.github.sentineldrill.SentinelCluster;
import io.github.sentineldrill.internal.report.DrillReports;
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
import java.util.List;
import java.util.Optional;

/**
 * The extension behind {@link RedisSentinelCluster}; registered by the annotation, not by users.
 *
 * <p>It reads the annotation, builds a spec and manages the lifecycle; everything else is in the core module. Topologies
 * live in the {@link ExtensionContext.Store} of the context that owns them (the declaring class, or the test method for
 * {@link ClusterLifecycle#PER_METHOD}), so JUnit closes them when that context ends, and classes running in parallel
 * never share one. The extension holds no state of its own.
 */
public final class SentinelClusterExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, TestExecutionExceptionHandler {

    private static final Namespace NAMESPACE = Namespace.create(SentinelClusterExtension.class);
    private static final String REPORT_SCOPE = "drill reports";


    @Override
    public void beforeAll(ExtensionContext context) {
        ClusterDeclaration.find(context)
                .filter(declaration -> declaration.classContext() == context)
                .filter(declaration -> declaration.lifecycle() == ClusterLifecycle.PER_CLASS)
                .ifPresent(declaration -> cluster(declaration, context));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // Drills of this method name their report files after it.
        context.getStore(NAMESPACE).put(REPORT_SCOPE, DrillReports.open(context.getRequiredTestClass().getName(),
                context.getRequiredTestMethod().getName(), DrillReports.directory(
                        context.getConfigurationParameter(DrillReports.DIRECTORY_PROPERTY).orElse(null))));
        ClusterDeclaration.find(context).ifPresent(declaration -> {
            if (declaration.lifecycle() == ClusterLifecycle.PER_METHOD) {
                cluster(declaration, context);
            } else {
                // Heal what the last method left (faults, downed nodes) and check health: a no-op when healthy.
                SentinelCluster cluster = cluster(declaration, declaration.classContext());
                try {
                    cluster.reset();
                } catch (RuntimeException e) {
                    e.addSuppressed(FailureDiagnostics.of(cluster, List.of()));
                    throw e;
                }
            }
        });
    }

    /** Adds the nodes' last log lines and the drills' timelines to a failing test's failure. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Optional<SentinelCluster> cluster = ClusterDeclaration.find(context).flatMap(declaration -> Optional.ofNullable(
                (declaration.lifecycle() == ClusterLifecycle.PER_CLASS ? declaration.classContext() : context)
                        .getStore(NAMESPACE).get(new StoreKey(declaration.declaringClass()), StoredCluster.class)))
                .map(StoredCluster::cluster);
        if (cluster.isPresent()) {
            DrillReports.Scope scope = context.getStore(NAMESPACE).get(REPORT_SCOPE, DrillReports.Scope.class);
            failure.addSuppressed(FailureDiagnostics.of(cluster.get(), scope == null ? List.of() : scope.drills()));
        }
        throw failure;
    }

    /**
     * Publishes where the files of every drill the method ran are, and its figures, as report entries (IDEs and the
     * JUnit Platform's own XML reports show them; Surefire's XML keeps the summary the drill printed).
     */
    @Override
    public void afterEach(ExtensionContext context) {
        DrillReports.Scope scope = context.getStore(NAMESPACE).remove(REPORT_SCOPE, DrillReports.Scope.class);
        if (scope == null) {
            return;
        }
        scope.close();
        for (DrillReports.RecordedDrill drill : scope.drills()) {
            context.publishReportEntry(ReportEntries.of(drill));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == SentinelCluster.class;
    }

    @Override
    public SentinelCluster resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ClusterDeclaration declaration = ClusterDeclaration.find(extensionContext)
                .orElseThrow(() -> new ParameterResolutionException("Cannot inject a SentinelCluster into "
                        + parameterContext.getDeclaringExecutable() + ": neither "
                        + extensionContext.getTestClass().map(Class::getName).orElse("the test class")
                        + " nor a class enclosing it is annotated with @RedisSentinelCluster"));
        if (declaration.lifecycle() == ClusterLifecycle.PER_CLASS) {
            return cluster(declaration, declaration.classContext());
        }
        if (parameterContext.getDeclaringExecutable() instanceof Constructor<?>
                || extensionContext.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("Cannot inject a SentinelCluster into "
                    + parameterContext.getDeclaringExecutable() + ": " + declaration.declaringClass().getName()
                    + " declares lifecycle = PER_METHOD, so a topology exists only while a test method runs."
                    + " Declare the parameter on a test method or on a @BeforeEach / @AfterEach method,"
                    + " or use lifecycle = PER_CLASS.");
        }
        return cluster(declaration, extensionContext);
    }

    /** The topology of {@code declaration} stored in {@code owner}, started on first use. */
    private static SentinelCluster cluster(ClusterDeclaration declaration, ExtensionContext owner) {
        return owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(new StoreKey(declaration.declaringClass()),
                        key -> new StoredCluster(start(declaration)), StoredCluster.class)
                .cluster();
    }

    private static SentinelCluster start(ClusterDeclaration declaration) {
        try {
            return SentinelCluster.start(declaration.spec());
        } catch (InvalidClusterSpecException e) {
            throw declaration.misconfigured(e);
        }
    }

    /** Store key: the class whose annotation the topology comes from. */
    private record StoreKey(Class<?> declaringClass) {
    }

    /**
     * A topology in a store. JUnit 5.13 and later close stored {@link AutoCloseable} values; earlier 5.x versions
     * close {@code CloseableResource}s. Both are implemented and closing twice is harmless.
     */
    @SuppressWarnings("deprecation")
    private record StoredCluster(SentinelCluster cluster)
            implements AutoCloseable, ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            cluster.close();
        }
    }
}
