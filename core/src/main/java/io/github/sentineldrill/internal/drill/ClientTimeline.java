package io.github.sentineldrill.internal.drill;

import io.github.sentineldrill.drill.WriteOutcome;
import io.github.sentineldrill.drill.WriteRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the client lived through, read from its writes alone: the gaps between its acknowledgements, and which of
 * them were interruptions. One definition serves the report's figures and the drill's decision that the client has
 * recovered, so the two never disagree.
 *
 * <ul>
 *   <li>The drill's window opens at the first acknowledgement (a client that has not written yet has no outage) and
 *       closes when the load stops.</li>
 *   <li>A gap runs from one acknowledgement's completion to the next one's; the last gap runs from the last
 *       acknowledgement to the end of the window and is open.</li>
 *   <li>A gap is an interruption when a write failed or was indeterminate inside it, or when it is longer than the
 *       load's period plus {@link #STALL_MARGIN}: a client that queues its writes fails nothing but stalls.</li>
 *   <li>An interruption is the fault's when it ends after the injection (offset zero); one that ended before is the
 *       warm-up's. One still open at the end of the window is the fault's, whenever it began.</li>
 * </ul>
 */
public final class ClientTimeline {

    /** How much longer than the load's period a gap between acknowledgements may be before it is a stall. */
    public static final Duration STALL_MARGIN = Duration.ofMillis(200);

    /**
     * A span of the window without an acknowledgement.
     *
     * @param start        when the acknowledgement before it completed (or the window opened)
     * @param end          when the next acknowledgement completed, or the end of the window for the open gap
     * @param open         whether no acknowledgement ended it before the load stopped
     * @param interruption whether a write failed or was indeterminate inside it, or it was a stall
     */
    public record Gap(Duration start, Duration end, boolean open, boolean interruption) {

        public Duration length() {
            return end.minus(start);
        }
    }

    private final List<Gap> gaps;

    private ClientTimeline(List<Gap> gaps) {
        this.gaps = List.copyOf(gaps);
    }

    /**
     * @param writes    the writes in sequence order (the order they were made in, one at a time)
     * @param period    the load's period
     * @param windowEnd when the load stopped (or now, while it runs), from the injection
     */
    public static ClientTimeline of(List<WriteRecord> writes, Duration period, Duration windowEnd) {
        Duration stallAfter = period.plus(STALL_MARGIN);
        List<Gap> gaps = new ArrayList<>();
        Duration lastAck = null;
        boolean badSinceLastAck = false;
        for (WriteRecord write : writes) {
            if (write.outcome() == WriteOutcome.ACKNOWLEDGED) {
                if (lastAck != null) {
                    Duration length = write.completedAt().minus(lastAck);
                    gaps.add(new Gap(lastAck, write.completedAt(), false,
                            badSinceLastAck || length.compareTo(stallAfter) > 0));
                }
                lastAck = write.completedAt();
                badSinceLastAck = false;
            } else {
                badSinceLastAck = true;
            }
        }
        if (lastAck == null) {
            // Never acknowledged: the whole window is one open gap.
            Duration start = writes.isEmpty() ? windowEnd : writes.get(0).sentAt();
            gaps.add(new Gap(start, max(start, windowEnd), true, true));
        } else {
            Duration end = max(lastAck, windowEnd);
            gaps.add(new Gap(lastAck, end, true, badSinceLastAck || end.minus(lastAck).compareTo(stallAfter) > 0));
        }
        return new ClientTimeline(gaps);
    }

    /** Every gap, in order; the last one is open. */
    public List<Gap> gaps() {
        return gaps;
    }

    /** The interruptions that ended after the injection (or had not ended), in order. */
    public List<Gap> faultInterruptions() {
        return gaps.stream().filter(gap -> gap.interruption() && (gap.open() || gap.end().compareTo(Duration.ZERO) > 0))
                .toList();
    }

    /** Whether the fault interrupted the client at all. */
    public boolean interrupted() {
        return !faultInterruptions().isEmpty();
    }

    /**
     * When the client recovered: the end of the last interruption the fault caused, or zero when it caused none;
     * empty while that interruption is still open.
     */
    public Optional<Duration> recovery() {
        List<Gap> interruptions = faultInterruptions();
        if (interruptions.isEmpty()) {
            return Optional.of(Duration.ZERO);
        }
        Gap last = interruptions.get(interruptions.size() - 1);
        return last.open() ? Optional.empty() : Optional.of(last.end());
    }

    /** Whether the client is interrupted at the end of the window: the outage is still open. */
    public boolean outageOpen() {
        return gaps.get(gaps.size() - 1).interruption();
    }

    /** The longest gap of the window, the open one included: the write outage, or a lower bound of it if open. */
    public Gap longestGap() {
        return gaps.stream().max(Comparator.comparing(Gap::length)).orElseThrow();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
