package io.github.sentineldrill.internal.fault;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.drill.TopologyKind;
import io.github.sentineldrill.fault.FailoverMode;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.fault.InjectedFault;
import io.github.sentineldrill.internal.node.NodeHandle;
import io.github.sentineldrill.internal.node.NodeRole;
import io.github.sentineldrill.internal.node.NodeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The faults' registry and its one lock, on a scripted scene: who waits for whom, and what a heal undoes. */
class ActiveFaultsTest {

    private final ScriptedScene scene = new ScriptedScene();
    private final ActiveFaults faults = new ActiveFaults(scene, Duration.ofMillis(100));

    @AfterEach
    void close() {
        scene.settle.countDown();
        faults.close();
    }

    /** What a fault waits for before it acts is waited for outside the lock: a timed heal is not held up by it. */
    @Test
    void aTimedHealIsOnTimeWhileAnotherInjectionWaitsForItsMastersLinksToSettle() throws Exception {
        InjectedFault freeze = faults.inject(Faults.freezeMaster(Duration.ofMillis(200)));
        assertThat(scene.master.state()).isEqualTo(NodeState.FROZEN);
        scene.blockSettling();

        CompletableFuture<InjectedFault> kill = CompletableFuture.supplyAsync(() -> faults.inject(
                Faults.killMaster()));
        await("the kill waiting for settled links").atMost(Duration.ofSeconds(5)).until(() -> scene.settling);

        await("the freeze healed by its timer").atMost(Duration.ofMillis(800)).until(freeze::isHealed);
        assertThat(scene.master.state()).isEqualTo(NodeState.RUNNING);
        assertThat(kill).isNotDone();

        scene.settle.countDown();
        InjectedFault killed = kill.get(5, TimeUnit.SECONDS);
        assertThat(killed.targets()).containsExactly(scene.master);
        assertThat(scene.master.state()).isEqualTo(NodeState.DOWN);
    }

    @Test
    void closingAHandleUndoesItsFaultOnceAndAResetReleasesWhatIsLeftWithoutUndoingIt() {
        InjectedFault kill = faults.inject(Faults.killReplica(0));
        kill.close();
        kill.close();
        assertThat(scene.restarts).isEqualTo(1);
        assertThat(kill.isHealed()).isTrue();

        InjectedFault freeze = faults.inject(Faults.freezeMaster(Duration.ofMinutes(1)));
        faults.lock().lock();
        try {
            faults.releaseAll();
        } finally {
            faults.lock().unlock();
        }
        assertThat(freeze.isHealed()).isTrue();
        assertThat(scene.master.state()).as("the reset thaws it itself").isEqualTo(NodeState.FROZEN);
    }

    @Test
    void aFaultThatKeptTheMasterAwayForTheDetectionTimeMeansTheDetectorsMayHaveActed() {
        InjectedFault quick = faults.inject(Faults.freezeMaster(Duration.ofMinutes(1)));
        quick.close();
        assertThat(faults.detectorsMayHaveActed()).as("healed at once").isFalse();

        faults.inject(Faults.partitionMaster(Duration.ofMinutes(1)));
        await("the detection time passed").atMost(Duration.ofSeconds(2)).until(faults::detectorsMayHaveActed);
        assertThat(faults.masterHit()).contains(scene.master);
    }

    @Test
    void aValueThatIsNoFaultOfTheLibraryIsRefusedSayingWhatToUse() {
        Fault homemade = () -> "mine";
        assertThatThrownBy(() -> faults.inject(homemade)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a fault Sentinel Drill can inject: build faults with");
    }

    @Test
    void faultsOfAnotherTopologyKindSayWhichKindTheyFit() {
        scene.sentinels = List.of();
        assertThatThrownBy(() -> faults.inject(Faults.killSentinels(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("killSentinels(1) fits Sentinel topologies");
    }

    @Test
    void aTargetThatIsDownAlreadyIsRefusedAndNothingIsRegistered() {
        faults.inject(Faults.killMaster());
        assertThatThrownBy(() -> faults.inject(Faults.stopMaster()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redis-0 is down already");
    }

    /** A scene of three nodes whose operations only record what they did. */
    private static final class ScriptedScene implements FaultScene {
        final Handle master = new Handle("redis-0");
        final Handle replica = new Handle("redis-1");
        List<NodeHandle> sentinels = List.of(new Handle("sentinel-0"));
        volatile CountDownLatch settle = new CountDownLatch(0);
        volatile boolean settling;
        int restarts;

        void blockSettling() {
            settle = new CountDownLatch(1);
        }

        @Override
        public TopologyKind kind() {
            return TopologyKind.SENTINEL;
        }

        @Override
        public String name() {
            return "mymaster";
        }

        @Override
        public int shards() {
            return 1;
        }

        @Override
        public NodeHandle master(int shard) {
            return master;
        }

        @Override
        public List<NodeHandle> replicas(int shard) {
            return List.of(replica);
        }

        @Override
        public List<NodeHandle> sentinels() {
            return sentinels;
        }

        @Override
        public void awaitSettledLinks(NodeHandle node) {
            settling = true;
            try {
                settle.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void kill(NodeHandle node) {
            node.state(NodeState.DOWN);
        }

        @Override
        public void stop(NodeHandle node) {
            node.state(NodeState.DOWN);
        }

        @Override
        public void freeze(NodeHandle node) {
            node.state(NodeState.FROZEN);
        }

        @Override
        public void thawIfFrozen(NodeHandle node) {
            if (node.state() == NodeState.FROZEN) {
                node.state(NodeState.RUNNING);
            }
        }

        @Override
        public void cut(NodeHandle node) {
        }

        @Override
        public void restoreIfCut(NodeHandle node) {
        }

        @Override
        public void restartEmpty(NodeHandle node) {
        }

        @Override
        public void restartIfDown(List<NodeHandle> nodes) {
            restarts++;
            nodes.forEach(node -> node.state(NodeState.RUNNING));
        }

        @Override
        public void manualFailover(int shard, FailoverMode mode) {
        }
    }

    private static final class Handle implements NodeHandle {
        private final String name;
        private volatile NodeState state = NodeState.RUNNING;

        Handle(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public NodeRole role() {
            return name.startsWith("sentinel") ? NodeRole.SENTINEL : NodeRole.DATA;
        }

        @Override
        public NodeAddress address() {
            return NodeAddress.of("127.0.0.1", 1);
        }

        @Override
        public NodeAddress reachableAddress() {
            return NodeAddress.of("127.0.0.1", 1);
        }

        @Override
        public NodeState state() {
            return state;
        }

        @Override
        public void state(NodeState state) {
            this.state = state;
        }

        @Override
        public String logTail(int lines) {
            return "";
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
