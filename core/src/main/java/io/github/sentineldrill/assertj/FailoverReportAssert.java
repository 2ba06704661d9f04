package io.github.sentineldrill.assertj;

import io.github.sentineldrill.drill.AssertedBound;
import io.github.sentineldrill.drill.FailoverReport;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractDurationAssert;
import org.assertj.core.api.AbstractLongAssert;
import org.assertj.core.api.Assertions;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Bounds on what a drill measured; the figures are defined on {@link FailoverReport}. A bound on a figure that could
 * not be measured (no failover, a client that had not recovered, an outage still open, writes that could not be
 * verified) fails, saying why the figure is missing. A failure message gives the bound, the figure and a compact
 * timeline of the drill. Each bound asserted is recorded on the report (in memory), so that the report's files show
 * it; assertions write no file.
 */
public class FailoverReportAssert extends AbstractAssert<FailoverReportAssert, FailoverReport> {

    public FailoverReportAssert(FailoverReport actual) {
        super(actual, FailoverReportAssert.class);
    }

    /** The topology failed over no later than {@code bound} after the injection. */
    public FailoverReportAssert failedOverWithin(Duration bound) {
        isNotNull();
        return timeBound("failedOverWithin(" + millis(bound) + ")", "failoverTime", "a failover", bound,
                actual.failoverTimeIfAny(), actual.whyNoFailover());
    }

    /** The topology detected the failure (Sentinel: {@code +odown}) no later than {@code bound} after the injection. */
    public FailoverReportAssert detectedWithin(Duration bound) {
        isNotNull();
        return timeBound("detectedWithin(" + millis(bound) + ")", "detectionTime", "the master to be detected down",
                bound, actual.detectionTimeIfAny(), actual.whyNoDetection());
    }

    /** The topology did not fail over during the drill. */
    public FailoverReportAssert didNotFailOver() {
        isNotNull();
        Optional<Duration> failover = actual.failoverTimeIfAny();
        record("didNotFailOver()", "failedOver", null, failover.map(Duration::toMillis).orElse(null),
                failover.isEmpty(), failover.map(time -> "it failed over after " + millis(time)).orElse(""));
        failover.ifPresent(time -> failWithMessage("Expected no failover, but the topology failed over after %s.%n%s",
                millis(time), context()));
        return this;
    }

    /**
     * The client recovered no later than {@code bound} after the injection: the interruption the fault caused (failed,
     * timed-out or stalled writes) ended by then. A client that was never interrupted recovered at once.
     */
    public FailoverReportAssert recoveredWithin(Duration bound) {
        isNotNull();
        return timeBound("recoveredWithin(" + millis(bound) + ")", "clientRecoveryTime", "the client to recover",
                bound, actual.clientRecoveryTimeIfAny(), actual.whyNotRecovered());
    }

    /**
     * The longest interval without an acknowledgement inside the drill's window, including one still open when the
     * load stopped, was at most {@code bound}. An outage that had not ended cannot be bounded: the bound fails.
     */
    public FailoverReportAssert hadWriteOutageAtMost(Duration bound) {
        isNotNull();
        String assertion = "hadWriteOutageAtMost(" + millis(bound) + ")";
        Optional<Duration> outage = actual.writeOutageIfEnded();
        if (outage.isEmpty()) {
            Duration atLeast = actual.writeOutageAtLeast();
            String why = actual.whyOutageOpen();
            record(assertion, "writeOutage", bound.toMillis(), null, false, "not measured: " + why);
            failWithMessage("Expected a write outage of at most %s, but it could not be measured: %s%s.%n%s",
                    millis(bound), why, atLeast.compareTo(bound) > 0 ? ", already more than the bound" : "",
                    context());
        } else {
            boolean passed = outage.get().compareTo(bound) <= 0;
            record(assertion, "writeOutage", bound.toMillis(), outage.get().toMillis(), passed,
                    passed ? "" : "it was " + millis(outage.get()));
            if (!passed) {
                failWithMessage("Expected a write outage of at most %s, but it was %s.%n%s", millis(bound),
                        millis(outage.get()), context());
            }
        }
        return this;
    }

    /** Every acknowledged write is on the final master; fails when the writes could not be verified. */
    public FailoverReportAssert hasNoLostWrites() {
        return lostBound("hasNoLostWrites()", 0);
    }

    /** At most {@code bound} acknowledged writes are absent from the final master; fails when they could not be verified. */
    public FailoverReportAssert hasLostWritesAtMost(long bound) {
        return lostBound("hasLostWritesAtMost(" + bound + ")", bound);
    }

    private FailoverReportAssert lostBound(String assertion, long bound) {
        isNotNull();
        OptionalLong lost = actual.lostWritesIfVerified();
        if (lost.isEmpty()) {
            record(assertion, "lostWrites", bound, null, false, "not measured: " + actual.whyNotVerified());
            failWithMessage("Expected at most %d lost writes, but they could not be measured: %s.%n%s", bound,
                    actual.whyNotVerified(), context());
        } else if (lost.getAsLong() > bound) {
            record(assertion, "lostWrites", bound, lost.getAsLong(), false, lost.getAsLong() + " lost");
            failWithMessage("Expected at most %d lost writes, but %d acknowledged writes are absent from the final"
                    + " master.%n%s", bound, lost.getAsLong(), context());
        } else {
            record(assertion, "lostWrites", bound, lost.getAsLong(), true, "");
        }
        return this;
    }

    /** At most {@code bound} writes failed (refused or not sent). */
    public FailoverReportAssert hasFailedWritesAtMost(long bound) {
        isNotNull();
        long failed = actual.failedWrites();
        record("hasFailedWritesAtMost(" + bound + ")", "failedWrites", bound, failed, failed <= bound,
                failed <= bound ? "" : failed + " failed");
        if (failed > bound) {
            failWithMessage("Expected at most %d failed writes, but %d failed.%n%s", bound, failed, context());
        }
        return this;
    }

    /**
     * The failover time, for AssertJ's own duration assertions; without a failover, an assertion on null whose
     * description says so, so that the check chained to it fails.
     */
    public AbstractDurationAssert<?> failoverTime() {
        isNotNull();
        return figure("failover time", actual.failoverTimeIfAny(), actual.whyNoFailover());
    }

    /** The detection time; without one, an assertion on null that says why. */
    public AbstractDurationAssert<?> detectionTime() {
        isNotNull();
        return figure("detection time", actual.detectionTimeIfAny(), actual.whyNoDetection());
    }

    /** The client recovery time (zero for a client never interrupted); not measured, an assertion on null. */
    public AbstractDurationAssert<?> clientRecoveryTime() {
        isNotNull();
        return figure("client recovery time", actual.clientRecoveryTimeIfAny(), actual.whyNotRecovered());
    }

    /** The write outage; still open, an assertion on null that says why. */
    public AbstractDurationAssert<?> writeOutage() {
        isNotNull();
        return figure("write outage", actual.writeOutageIfEnded(), actual.whyOutageOpen());
    }

    /** The lost writes; not verified, an assertion on null that says why. */
    public AbstractLongAssert<?> lostWrites() {
        isNotNull();
        OptionalLong lost = actual.lostWritesIfVerified();
        return Assertions.assertThat(lost.isPresent() ? lost.getAsLong() : null)
                .as(lost.isPresent() ? "lost writes" : "lost writes, which the drill does not have: "
                        + actual.whyNotVerified());
    }

    public AbstractLongAssert<?> failedWrites() {
        isNotNull();
        return Assertions.assertThat(actual.failedWrites()).as("failed writes");
    }

    public AbstractLongAssert<?> acknowledgedWrites() {
        isNotNull();
        return Assertions.assertThat(actual.acknowledgedWrites()).as("acknowledged writes");
    }

    private FailoverReportAssert timeBound(String assertion, String figure, String expected, Duration bound,
                                           Optional<Duration> measured, String whyMissing) {
        if (measured.isEmpty()) {
            record(assertion, figure, bound.toMillis(), null, false, "not measured: " + whyMissing);
            failWithMessage("Expected %s within %s, but it could not be measured: %s.%n%s", expected, millis(bound),
                    whyMissing, context());
        } else {
            boolean passed = measured.get().compareTo(bound) <= 0;
            record(assertion, figure, bound.toMillis(), measured.get().toMillis(), passed,
                    passed ? "" : "it took " + millis(measured.get()));
            if (!passed) {
                failWithMessage("Expected %s within %s, but it took %s.%n%s", expected, millis(bound),
                        millis(measured.get()), context());
            }
        }
        return this;
    }

    /**
     * An assertion on a figure; when it was not measured, on null, described so that the failure of whatever is
     * asserted next says why (an AssertionError, never an exception of another kind).
     */
    private static AbstractDurationAssert<?> figure(String name, Optional<Duration> time, String whyAbsent) {
        return Assertions.assertThat(time.orElse(null))
                .as(time.isPresent() ? name : name + ", which the drill does not have: " + whyAbsent);
    }

    /** Keeps a bound on the report, so that its files show it beside the figure. */
    private void record(String assertion, String figure, Long limit, Long measured, boolean passed, String why) {
        actual.recordAssertion(new AssertedBound(assertion, figure, limit, measured, passed, why));
    }

    private String context() {
        return actual.summary() + "\nTimeline (first of each event per source):\n" + actual.compactTimeline();
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }
}
