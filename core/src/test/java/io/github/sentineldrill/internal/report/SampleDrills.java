package io.github.sentineldrill.internal.report;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.drill.AssertedBound;
import io.github.sentineldrill.drill.DrillTopology;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.TopologyKind;
import io.github.sentineldrill.drill.SentinelEvent;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.drill.WriteOutcome;
import io.github.sentineldrill.drill.WriteRecord;
import io.github.sentineldrill.fault.Faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.github.sentineldrill.drill.WriteOutcome.ACKNOWLEDGED;
import static io.github.sentineldrill.drill.WriteOutcome.FAILED;
import static io.github.sentineldrill.drill.WriteOutcome.INDETERMINATE;

/** Drills as a real run leaves them, made by hand. */
final class SampleDrills {

    static final Instant FINISHED = Instant.parse("2026-11-25T14:03:27Z");

    static final DrillTopology TOPOLOGY = new DrillTopology(TopologyKind.SENTINEL, Backend.LOCAL,
            "AUTO chose LOCAL: no working Docker engine", "mymaster",
            "1 master, 2 replicas, 3 sentinels (quorum 2), down-after 1000 ms, failover-timeout 10000 ms");

    private SampleDrills() {
    }

    private static WriteRecord.Presence presence(WriteOutcome outcome, boolean present) {
        return outcome == FAILED ? WriteRecord.Presence.NOT_CHECKED
                : present ? WriteRecord.Presence.PRESENT : WriteRecord.Presence.ABSENT;
    }

    private static FailoverReport report(io.github.sentineldrill.fault.Fault fault, WriteLoad load, String oldMaster,
                                         String newMaster, List<SentinelEvent> events, List<WriteRecord> writes,
                                         List<AssertedBound> bounds) {
        FailoverReport report = FailoverReport.builder().topology(TOPOLOGY).fault(fault).load(load)
                .masters(oldMaster, newMaster).timeline(events).writes(writes).finishedAt(FINISHED).build();
        bounds.forEach(report::recordAssertion);
        return report;
    }

    /**
     * {@code killMaster} under one write a millisecond, 3 sentinels: detection at 1008 ms, failover at 2291 ms, the
     * client back at 2385 ms; two writes acknowledged just before the kill are lost, one write in flight at the kill
     * was applied though not acknowledged, and one write stalled 200 ms on a timeout.
     */
    static DrillRecord failover() {
        List<WriteRecord> writes = new ArrayList<>();
        for (int t = -1000; t <= 4000; t++) {
            if (t > 1200 && t < 1400) {
                continue; // the writer waited on the write sent at 1200 ms
            }
            WriteOutcome outcome = t < 0 || t >= 2384 ? ACKNOWLEDGED : t <= 1 || t == 1200 ? INDETERMINATE : FAILED;
            Duration took = t == 1200 ? Duration.ofMillis(200) : outcome == FAILED ? Duration.ofNanos(60_000)
                    : Duration.ofNanos(1_400_000);
            boolean present = outcome == ACKNOWLEDGED ? t != -3 && t != -2 : t == 0;
            writes.add(new WriteRecord(writes.size(), Duration.ofMillis(t), Duration.ofMillis(t).plus(took), outcome,
                    presence(outcome, present)));
        }
        List<SentinelEvent> events = new ArrayList<>(List.of(
                event(0, "drill", SentinelEvent.FAULT_INJECTED, "killMaster() on redis-0 (127.0.0.1:40001)"),
                event(1, "client", SentinelEvent.FIRST_FAILED_WRITE, "write 1000: connection reset by peer"),
                event(2385, "client", SentinelEvent.CLIENT_RECOVERED, "write 3384 acknowledged"),
                event(3500, "drill", SentinelEvent.FAULT_HEALED, "redis-0 started again on 127.0.0.1:40001")));
        for (int s = 0; s < 3; s++) {
            String sentinel = "sentinel-" + s;
            int lag = new int[] {4, 0, 7}[s];
            events.add(event(1004 + lag, sentinel, "+sdown", "master mymaster 127.0.0.1 40001"));
            events.add(event(1008 + lag, sentinel, "+odown", "master mymaster 127.0.0.1 40001 #quorum 2/2"));
            events.add(event(1009 + lag, sentinel, "+new-epoch", "1"));
            events.add(event(2302 + lag, sentinel, "+switch-master", "mymaster 127.0.0.1 40001 127.0.0.1 40002"));
            events.add(event(2303 + lag, sentinel, "+slave", "slave 127.0.0.1:40003 127.0.0.1 40003 @ mymaster"
                    + " 127.0.0.1 40002"));
            events.add(event(2303 + lag, sentinel, "+slave", "slave 127.0.0.1:40001 127.0.0.1 40001 @ mymaster"
                    + " 127.0.0.1 40002"));
            events.add(event(2350 + lag, sentinel, "+sdown", "slave 127.0.0.1:40001 127.0.0.1 40001 @ mymaster"
                    + " 127.0.0.1 40002"));
        }
        String leader = "sentinel-1";
        events.addAll(List.of(
                event(1009, leader, "+try-failover", "master mymaster 127.0.0.1 40001"),
                event(1011, leader, "+vote-for-leader", "8c1e0f4b3a2d19e7c6b5a4f3e2d1c0b9a8f7e6d5 1"),
                event(1013, "sentinel-0", "+vote-for-leader", "8c1e0f4b3a2d19e7c6b5a4f3e2d1c0b9a8f7e6d5 1"),
                event(1016, "sentinel-2", "+vote-for-leader", "8c1e0f4b3a2d19e7c6b5a4f3e2d1c0b9a8f7e6d5 1"),
                event(1021, leader, "+elected-leader", "master mymaster 127.0.0.1 40001"),
                event(1021, leader, "+failover-state-select-slave", "master mymaster 127.0.0.1 40001"),
                event(1104, leader, "+selected-slave", "slave 127.0.0.1:40002 127.0.0.1 40002 @ mymaster"
                        + " 127.0.0.1 40001"),
                event(1104, leader, "+failover-state-send-slaveof-noone", "slave 127.0.0.1:40002 127.0.0.1 40002"
                        + " @ mymaster 127.0.0.1 40001"),
                event(1180, leader, "+failover-state-wait-promotion", "slave 127.0.0.1:40002 127.0.0.1 40002"
                        + " @ mymaster 127.0.0.1 40001"),
                event(2071, leader, "+promoted-slave", "slave 127.0.0.1:40002 127.0.0.1 40002 @ mymaster"
                        + " 127.0.0.1 40001"),
                event(2071, leader, "+failover-state-reconf-slaves", "master mymaster 127.0.0.1 40001"),
                event(2150, leader, "+slave-reconf-sent", "slave 127.0.0.1:40003 127.0.0.1 40003 @ mymaster"
                        + " 127.0.0.1 40001"),
                event(2260, leader, "+slave-reconf-inprog", "slave 127.0.0.1:40003 127.0.0.1 40003 @ mymaster"
                        + " 127.0.0.1 40001"),
                event(2281, leader, "+slave-reconf-done", "slave 127.0.0.1:40003 127.0.0.1 40003 @ mymaster"
                        + " 127.0.0.1 40001"),
                event(2284, leader, "+failover-end", "master mymaster 127.0.0.1 40001"),
                event(2291, leader, "+switch-master", "mymaster 127.0.0.1 40001 127.0.0.1 40002"),
                event(3612, "sentinel-0", "-sdown", "slave 127.0.0.1:40001 127.0.0.1 40001 @ mymaster 127.0.0.1 40002"),
                event(3702, "sentinel-0", "+convert-to-slave", "slave 127.0.0.1:40001 127.0.0.1 40001 @ mymaster"
                        + " 127.0.0.1 40002")));
        List<AssertedBound> bounds = List.of(
                new AssertedBound("detectedWithin(1500 ms)", "detectionTime", 1500L, 1008L, true, ""),
                new AssertedBound("failedOverWithin(5000 ms)", "failoverTime", 5000L, 2291L, true, ""),
                new AssertedBound("recoveredWithin(2000 ms)", "clientRecoveryTime", 2000L, 2385L, false,
                        "it took 2385 ms"),
                new AssertedBound("hasNoLostWrites()", "lostWrites", 0L, 2L, false, "2 lost"));
        return new DrillRecord("com.acme.checkout.CheckoutFailoverTest", "killMasterUnderLoad()",
                report(Faults.killMaster(), WriteLoad.everyMillis(1), "redis-0", "redis-1", events, writes, bounds));
    }

    /** {@code killReplica(0)} under one write every 10 ms: no failover, every write acknowledged, no bound. */
    static DrillRecord quiet() {
        List<WriteRecord> writes = new ArrayList<>();
        for (int t = -200; t <= 1500; t += 10) {
            writes.add(new WriteRecord(writes.size(), Duration.ofMillis(t), Duration.ofMillis(t + 1), ACKNOWLEDGED,
                    WriteRecord.Presence.PRESENT));
        }
        List<SentinelEvent> events = List.of(
                event(0, "drill", SentinelEvent.FAULT_INJECTED, "killReplica(0) on redis-1"),
                event(1006, "sentinel-0", "+sdown", "slave 127.0.0.1:40002 127.0.0.1 40002 @ mymaster"
                        + " 127.0.0.1 40001"));
        return new DrillRecord("com.acme.checkout.ReplicaLossTest", "survivesAReplicaLoss()",
                report(Faults.killReplica(0), WriteLoad.everyMillis(10), "redis-0", "redis-0", events, writes,
                        List.of()));
    }

    /** A drill whose writer never ran and whose sentinels said nothing. */
    static DrillRecord empty() {
        return new DrillRecord("EmptyTest", "nothing()", report(Faults.stopMaster(), WriteLoad.everyMillis(100),
                "redis-0", "redis-0", List.of(), List.of(), List.of()));
    }

    /** The failover drill, with text from everywhere that must be escaped. */
    static DrillRecord hostile() {
        DrillRecord failover = failover();
        FailoverReport base = failover.report();
        List<SentinelEvent> events = new ArrayList<>(base.timeline());
        events.add(event(1500, "client", "<img src=x onerror=alert(1)>",
                "details with \"quotes\", 'apostrophes', & ampersands, </td></tr> and a \u0000 NUL"));
        return new DrillRecord("com.acme.<script>alert(1)</script>Test", "name \"with\" <b>markup</b> & 'quotes'",
                report(base.fault(), base.load(), "redis-0", "redis-1", events, base.writes(),
                        List.of(new AssertedBound("within(<5000> ms) && \"x\"", "failoverTime", 5000L, 2291L, true,
                                "<why & \"not\">"))));
    }

    static IndexEntry entry(String testName, String finishedAt, Boolean boundsPassed) {
        return new IndexEntry("com.acme.checkout.CheckoutFailoverTest", testName, "drills/" + testName + ".html",
                Instant.parse(finishedAt), "LOCAL", "killMaster()", true, boundsPassed, 2291L, 2385L, 2386L, 0L);
    }

    private static SentinelEvent event(long atMillis, String source, String type, String details) {
        return new SentinelEvent(Duration.ofMillis(atMillis), source, type, details);
    }
}
