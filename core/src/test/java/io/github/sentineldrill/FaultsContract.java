package io.github.sentineldrill;

import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.fault.InjectedFault;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every fault does, on every backend. One topology (1 master, 2 replicas, 3 sentinels, quorum 2, down-after
 * 1000 ms) serves the whole class: each test starts from {@link SentinelCluster#reset()}, which is under test too, and
 * ends by checking that a reset brings the topology back healthy.
 */
abstract class FaultsContract extends FailoverTopologyContract {

    @Test
    void killMasterPromotesAReplicaAndTheOtherReplicaFollowsIt() {
        RedisNode oldMaster = cluster.master();
        try (InjectedFault fault = cluster.inject(Faults.killMaster())) {
            assertThat(fault.targets()).containsExactly(oldMaster);
            assertThat(Ping.answers(oldMaster.reachableAddress().host(), oldMaster.reachableAddress().port(),
                    Duration.ofMillis(500))).as("a killed master answers nothing").isFalse();

            RedisNode promoted = cluster.awaitFailover();

            assertThat(promoted).isNotEqualTo(oldMaster);
            assertThat(cluster.master()).isEqualTo(promoted);
            RedisNode follower = cluster.dataNodes().stream()
                    .filter(node -> node != oldMaster && node != promoted).findFirst().orElseThrow();
            await("the other replica following " + promoted.name()).atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(replication(follower))
                            .containsEntry("master_host", promoted.address().host())
                            .containsEntry("master_port", String.valueOf(promoted.address().port()))
                            .containsEntry("master_link_status", "up"));
        }
        assertResetGivesAHealthyTopology();
        assertThat(replication(oldMaster)).as("the old master after the reset").containsEntry("role", "slave");
    }

    @Test
    void stopMasterShutsItDownAndTheSentinelsFailOver() {
        RedisNode oldMaster = cluster.master();
        try (InjectedFault fault = cluster.inject(Faults.stopMaster())) {
            assertThat(oldMaster.logTail(30)).contains("ready to exit, bye bye");
            assertThat(cluster.awaitFailover()).isNotEqualTo(oldMaster);
        }
        assertResetGivesAHealthyTopology();
    }

    @Test
    void freezeMasterShorterThanDownAfterCausesNoFailover() {
        RedisNode master = cluster.master();
        InjectedFault fault = cluster.inject(Faults.freezeMaster(DOWN_AFTER.dividedBy(2)));
        assertThat(Ping.answers(master.reachableAddress().host(), master.reachableAddress().port(),
                Duration.ofMillis(200))).as("a frozen master answers nothing").isFalse();

        await("the freeze to end by itself").atMost(Duration.ofSeconds(5)).until(fault::isHealed);
        await("no failover for 3 x down-after").during(DOWN_AFTER.multipliedBy(3)).atMost(DOWN_AFTER.multipliedBy(5))
                .untilAsserted(() -> assertThat(cluster.master()).isEqualTo(master));
        assertResetGivesAHealthyTopology();
    }

    @Test
    void freezeMasterLongerThanDownAfterFailsOverAndTheOldMasterReturnsStale() {
        RedisNode oldMaster = cluster.master();
        try (InjectedFault fault = cluster.inject(Faults.freezeMaster(Duration.ofSeconds(20)))) {
            RedisNode promoted = cluster.awaitFailover();
            assertThat(promoted).isNotEqualTo(oldMaster);
            fault.close();
            assertThat(fault.isHealed()).isTrue();
            // Resumed, it still believes it is master until a sentinel demotes it.
            assertThat(replication(oldMaster)).containsEntry("role", "master");
        }
        assertResetGivesAHealthyTopology();
    }

    @Test
    void partitionMasterElectsANewMasterWhileTheOldOneStillAcknowledgesTheClientsWrites() {
        RedisNode oldMaster = cluster.master();
        try (InjectedFault fault = cluster.inject(Faults.partitionMaster(Duration.ofSeconds(30)))) {
            RedisNode promoted = cluster.awaitFailover();
            assertThat(promoted).isNotEqualTo(oldMaster);

            RedisClient client = RedisClient.create(cluster.clientResources(), oldMaster.uri());
            try (StatefulRedisConnection<String, String> oldMasterConnection = client.connect()) {
                assertThat(oldMasterConnection.sync().set("split-brain", "acknowledged")).isEqualTo("OK");
                assertThat(oldMasterConnection.sync().get("split-brain")).isEqualTo("acknowledged");
            } finally {
                client.shutdown();
            }
            assertThat(Eye.callLong(promoted, "EXISTS", "split-brain")).as("the write on the new master").isZero();
        }
        assertResetGivesAHealthyTopology();
        assertThat(Eye.info(oldMaster, "replication")).containsEntry("role", "slave");
        assertThat(Eye.callLong(oldMaster, "EXISTS", "split-brain")).as("the acknowledged write, after the heal")
                .isZero();
    }

    @Test
    void restartMasterWithoutPersistenceComesBackEmptyAndEmptiesItsReplicas() {
        // A generous down-after, so that the sentinels surely do not react to the restart.
        try (SentinelCluster slow = SentinelCluster.start(spec().downAfter(Duration.ofSeconds(10)).build())) {
            RedisNode master = slow.master();
            for (int i = 0; i < 100; i++) {
                Eye.callString(master, "SET", "key-" + i, "value-" + i);
            }
            assertThat(Eye.callLong(master, "WAIT", "2", "5000")).isEqualTo(2L);
            for (RedisNode replica : slow.replicas()) {
                assertThat(dbSize(replica)).isEqualTo(100L);
            }

            slow.inject(Faults.restartMaster()).close();

            assertThat(slow.master()).as("no failover").isEqualTo(master);
            assertThat(dbSize(master)).as("keys on the restarted master").isZero();
            await("the replicas resynced from the empty master").atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> {
                        for (RedisNode replica : slow.replicas()) {
                            assertThat(replication(replica)).containsEntry("master_link_status", "up");
                            assertThat(dbSize(replica)).as("keys on %s", replica.name()).isZero();
                        }
                    });
            slow.reset();
        }
    }

    @Test
    void manualFailoverSwitchesToAReplica() {
        RedisNode oldMaster = cluster.master();
        cluster.inject(Faults.manualFailover()).close();
        RedisNode promoted = cluster.awaitFailover();
        assertThat(promoted).isNotEqualTo(oldMaster);
        assertResetGivesAHealthyTopology();
    }

    @Test
    void killReplicaLeavesTheMasterAndTheSentinelsSeeTheReplicaDown() {
        RedisNode master = cluster.master();
        RedisNode replica = cluster.replicas().get(1);
        try (InjectedFault fault = cluster.inject(Faults.killReplica(1))) {
            assertThat(fault.targets()).containsExactly(replica);
            await("every sentinel flagging " + replica.name() + " down").atMost(DOWN_AFTER.multipliedBy(5))
                    .untilAsserted(() -> {
                        for (RedisNode sentinel : cluster.sentinels()) {
                            assertThat(replicaFlags(sentinel, replica)).contains("s_down");
                        }
                    });
            assertThat(cluster.master()).isEqualTo(master);
        }
        assertResetGivesAHealthyTopology();
        assertThat(cluster.master()).isEqualTo(master);
    }

    @Test
    void killSentinelsBeyondTheQuorumMeansNoFailover() {
        RedisNode master = cluster.master();
        RedisNode survivor = cluster.sentinels().get(2);
        try (InjectedFault sentinels = cluster.inject(Faults.killSentinels(2));
             InjectedFault masterDown = cluster.inject(Faults.killMaster())) {
            assertThat(sentinels.targets()).containsExactlyElementsOf(cluster.sentinels().subList(0, 2));
            await("no failover for 3 x down-after").during(DOWN_AFTER.multipliedBy(3))
                    .atMost(DOWN_AFTER.multipliedBy(5))
                    .untilAsserted(() -> assertThat(masterReportedBy(survivor)).isEqualTo(master.address()));
            assertThat(masterDown.isHealed()).isFalse();
        }
        assertResetGivesAHealthyTopology();
    }

    @Test
    void faultsThatDoNotFitTheTopologyAreRefusedWithTheAllowedValues() {
        assertThatThrownBy(() -> cluster.inject(Faults.killReplica(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("killReplica: index = 2; allowed: 0 to 1 (this topology has 2 replicas)");
        assertThatThrownBy(() -> cluster.inject(Faults.killSentinels(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("killSentinels: count = 4; allowed: 1 to 3 (this topology has 3 sentinels)");
        assertThatThrownBy(() -> cluster.awaitFailover())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no fault has hit the master");
        try (InjectedFault fault = cluster.inject(Faults.killMaster())) {
            assertThatThrownBy(() -> cluster.inject(Faults.freezeMaster(Duration.ofSeconds(1))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is down already");
        }
    }

    @Test
    void aWaitThatRunsOutSaysWhatItWaitedForAndWhatTheSentinelsSaid() {
        RedisNode master = cluster.master();
        cluster.inject(Faults.freezeMaster(Duration.ofMillis(200)));
        assertThatThrownBy(() -> cluster.awaitFailover(Duration.ofMillis(300)))
                .isInstanceOf(ClusterNotHealthyException.class)
                .hasMessageContaining("failover of 'mymaster' away from " + master.name()
                        + " agreed by a quorum of 2 sentinels: not reached within 300 ms")
                .hasMessageContaining("sentinels name as master: {" + master.name() + "=3}");
    }

    private void assertResetGivesAHealthyTopology() {
        cluster.reset();
        cluster.awaitHealthy(Duration.ofSeconds(1));
        assertThat(cluster.replicas()).hasSize(2);
    }

    private static Map<String, String> replication(RedisNode node) {
        return Eye.info(node, "replication");
    }

    private static long dbSize(RedisNode node) {
        return Eye.dbSize(node);
    }

    private static String replicaFlags(RedisNode sentinel, RedisNode replica) {
        return Eye.sentinelList(sentinel, "REPLICAS", "mymaster").stream()
                .filter(r -> r.get("ip").equals(replica.address().host())
                        && r.get("port").equals(String.valueOf(replica.address().port())))
                .map(r -> r.get("flags"))
                .findFirst().orElse("(not listed)");
    }

    private static NodeAddress masterReportedBy(RedisNode sentinel) {
        return Eye.masterAddress(sentinel, "mymaster");
    }
}
