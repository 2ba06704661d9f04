package io.github.sentineldrill.assertj;

import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.internal.report.AssertedBound;
import io.github.sentineldrill.internal.report.DrillReports;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractDurationAssert;
import org.assertj.core.api.AbstractLongAssert;
import org.assertj.core.api.Assertions;

import java.time.Duration;
import java.util.Optional;

/**
 * Bounds on what a drill measured. A failure message gives the bound, the figure and a compact timeline of the
 * drill; the figures are defined on {@link FailoverReport}.
 */
public class FailoverReportAssert extends AbstractAssert<FailoverReportAssert, FailoverReport> {

    public FailoverReportAssert(FailoverReport actual) {
        super(actual, FailoverReportAssert.class);
    }

    /** A sentinel announced {@code +switch-master} no later than {@code bound} after the injection. */
    public FailoverReportAssert failedOverWithin(Duration bound) {
        isNotNull();
        Optional<Duration> failover = actual.failoverTimeIfAny();
        recordTime("failedOverWithin", "failoverTime", bound, failover);
        if (failover.isEmpty()) {
            failWithMessage("Expected a failover within %s, but no sentinel announced +switch-master.%n%s",
                    millis(bound), context());
        } else if (failover.get().compareTo(bound) > 0) {
            failWithMessage("Expected a failover within %s, but it took %s.%n%s", millis(bound),
                    millis(failover.get()), context());
        }
        return this;
    }

    /** A sentinel announced {@code +odown} (the master objectively down) no later than {@code bound} after the injection. */
    public FailoverReportAssert detectedWithin(Duration bound) {
        isNotNull();
        Optional<Duration> detection = actual.detectionTimeIfAny();
        recordTime("detectedWithin", "detectionTime", bound, detection);
        if (detection.isEmpty()) {
            failWithMessage("Expected the master to be detected down within %s, but no sentinel announced +odown.%n%s",
                    millis(bound), context());
        } else if (detection.get().compareTo(bound) > 0) {
            failWithMessage("Expected the master to be detected down within %s, but it took %s.%n%s", millis(bound),
                    millis(detection.get()), context());
        }
        return this;
    }

    /** No sentinel announced {@code +switch-master} during the drill. */
    public FailoverReportAssert didNotFailOver() {
        isNotNull();
        record("didNotFailOver()", "failedOver", null, actual.failoverTimeIfAny().map(Duration::toMillis).orElse(null),
                actual.failoverTimeIfAny().isEmpty());
        actual.failoverTimeIfAny().ifPresent(time -> failWithMessage(
                "Expected no failover, but a sentinel announced +switch-master after %s.%n%s", millis(time),
                context()));
        return this;
    }

    /**
     * The client recovered, and, if a write failed, an acknowledged write followed the first failure no later than
     * {@code bound} after the injection.
     */
    public FailoverReportAssert recoveredWithin(Duration bound) {
        isNotNull();
        Optional<Duration> recovery = actual.clientRecoveryTimeIfAny();
        record("recoveredWithin(" + millis(bound) + ")", "clientRecoveryTime", bound.toMillis(),
                recovery.map(Duration::toMillis).orElse(null),
                actual.recovered() && recovery.map(time -> time.compareTo(bound) <= 0).orElse(true));
        if (!actual.recovered()) {
            failWithMessage("Expected the client to recover within %s, but it did not recover within the drill's"
                    + " timeout.%n%s", millis(bound), context());
        }
        actual.clientRecoveryTimeIfAny().filter(time -> time.compareTo(bound) > 0).ifPresent(time ->
                failWithMessage("Expected the client to recover within %s, but it took %s.%n%s", millis(bound),
                        millis(time), context()));
        return this;
    }

    /** The longest gap between consecutive acknowledged writes was at most {@code bound}. */
    public FailoverReportAssert hadWriteOutageAtMost(Duration bound) {
        isNotNull();
        recordTime("hadWriteOutageAtMost", "writeOutage", bound, Optional.of(actual.writeOutage()));
        if (actual.writeOutage().compareTo(bound) > 0) {
            failWithMessage("Expected a write outage of at most %s, but it was %s.%n%s", millis(bound),
                    millis(actual.writeOutage()), context());
        }
        return this;
    }

    public FailoverReportAssert hasNoLostWrites() {
        return hasLostWritesAtMost(0);
    }

    /** At most {@code bound} acknowledged writes were absent from the final master. */
    public FailoverReportAssert hasLostWritesAtMost(long bound) {
        isNotNull();
        record("hasLostWritesAtMost(" + bound + ")", "lostWrites", bound, actual.lostWrites(),
                actual.lostWrites() <= bound);
        if (actual.lostWrites() > bound) {
            failWithMessage("Expected at most %d lost writes, but %d acknowledged writes are absent from the final"
                    + " master.%n%s", bound, actual.lostWrites(), context());
        }
        return this;
    }

    /** At most {@code bound} writes failed (refused or not sent). */
    public FailoverReportAssert hasFailedWritesAtMost(long bound) {
        isNotNull();
        record("hasFailedWritesAtMost(" + bound + ")", "failedWrites", bound, actual.failedWrites(),
                actual.failedWrites() <= bound);
        if (actual.failedWrites() > bound) {
            failWithMessage("Expected at most %d failed writes, but %d failed.%n%s", bound, actual.failedWrites(),
                    context());
        }
        return this;
    }

    /**
     * The failover time, for AssertJ's own duration assertions; without a failover, an assertion on null whose
     * description says so, so that the check chained to it fails.
     */
    public AbstractDurationAssert<?> failoverTime() {
        return figure("failover time", actual == null ? Optional.empty() : actual.failoverTimeIfAny(),
                "no sentinel announced +switch-master");
    }

    /** The detection time (first {@code +odown}); without one, an assertion on null that says so. */
    public AbstractDurationAssert<?> detectionTime() {
        return figure("detection time", actual == null ? Optional.empty() : actual.detectionTimeIfAny(),
                "no sentinel announced +odown");
    }

    /** The client recovery time; without one (nothing to recover from, or no recovery), an assertion on null. */
    public AbstractDurationAssert<?> clientRecoveryTime() {
        return figure("client recovery time", actual == null ? Optional.empty() : actual.clientRecoveryTimeIfAny(),
                "no acknowledged write followed a failed one");
    }

    /**
     * An assertion on a time; when its event was not seen, on null, described so that the failure of whatever is
     * asserted next says why (an AssertionError, never an exception of another kind).
     */
    private AbstractDurationAssert<?> figure(String name, Optional<Duration> time, String whyAbsent) {
        isNotNull();
        return Assertions.assertThat(time.orElse(null))
                .as(time.isPresent() ? name : name + ", which the drill does not have: " + whyAbsent);
    }

    public AbstractDurationAssert<?> writeOutage() {
        isNotNull();
        return Assertions.assertThat(actual.writeOutage()).as("write outage");
    }

    public AbstractLongAssert<?> lostWrites() {
        isNotNull();
        return Assertions.assertThat(actual.lostWrites()).as("lost writes");
    }

    public AbstractLongAssert<?> failedWrites() {
        isNotNull();
        return Assertions.assertThat(actual.failedWrites()).as("failed writes");
    }

    public AbstractLongAssert<?> acknowledgedWrites() {
        isNotNull();
        return Assertions.assertThat(actual.acknowledgedWrites()).as("acknowledged writes");
    }

    /** Keeps a bound with the report's files, so that they show it beside the figure. */
    private void record(String assertion, String figure, Long limit, Long measured, boolean passed) {
        DrillReports.boundAsserted(actual, new AssertedBound(assertion, figure, limit, measured, passed));
    }

    private void recordTime(String assertion, String figure, Duration bound, Optional<Duration> measured) {
        record(assertion + "(" + millis(bound) + ")", figure, bound.toMillis(), measured.map(Duration::toMillis)
                .orElse(null), measured.map(time -> time.compareTo(bound) <= 0).orElse(false));
    }

    private String context() {
        return actual.summary() + "\nTimeline (first of each event per source):\n" + actual.compactTimeline();
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }
}
