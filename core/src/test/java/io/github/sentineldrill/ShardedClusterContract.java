package io.github.sentineldrill;

import io.github.sentineldrill.assertj.DrillAssertions;
import io.github.sentineldrill.drill.FailoverReport;
import io.github.sentineldrill.drill.SentinelEvent;
import io.github.sentineldrill.drill.WriteLoad;
import io.github.sentineldrill.fault.FailoverMode;
import io.github.sentineldrill.fault.Faults;
import io.github.sentineldrill.fault.InjectedFault;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every backend promises of a Redis Cluster: 3 shards of a master and a replica, node-timeout 1000 ms, shared by
 * the class and reset before each test. Checks read the nodes through Lettuce, not the library's own client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ShardedClusterContract {

    ShardedCluster cluster;

    abstract Backend backend();

    ShardedClusterSpec.Builder spec() {
        return ShardedClusterSpec.builder().backend(backend()).shards(3).replicasPerShard(1);
    }

    @BeforeAll
    final void startCluster() {
        if (backend() == Backend.DOCKER && !io.github.sentineldrill.internal.docker.DockerEngine.isAvailable()) {
            return;
        }
        cluster = ShardedCluster.start(spec().build());
    }

    @AfterAll
    final void closeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    final void healthyCluster() {
        if (backend() == Backend.DOCKER) {
            DockerRequirement.requireDocker();
        }
        cluster.reset();
    }

    @Test
    void everyNodeCallsTheClusterOkWithEverySlotAndNodeOnceStartReturns() {
        for (RedisNode node : cluster.dataNodes()) {
            assertThat(Eye.clusterInfo(node)).as("CLUSTER INFO on %s", node.name())
                    .containsEntry("cluster_state", "ok")
                    .containsEntry("cluster_slots_assigned", "16384")
                    .containsEntry("cluster_slots_ok", "16384")
                    .containsEntry("cluster_known_nodes", "6")
                    .containsEntry("cluster_size", "3");
        }
    }

    @Test
    void shardsAreInSlotOrderWithTheirFirstMastersAndLinkedReplicas() {
        List<Shard> shards = cluster.shards();
        assertThat(shards).extracting(Shard::index).containsExactly(0, 1, 2);
        assertThat(shards).extracting(s -> s.master().name()).containsExactly("redis-0", "redis-1", "redis-2");
        assertThat(shards).extracting(s -> s.replicas().get(0).name()).containsExactly("redis-3", "redis-4",
                "redis-5");
        assertThat(shards).extracting(s -> s.slots().get(0)).containsExactly("0-5460", "5461-10921", "10922-16383");
        for (Shard shard : shards) {
            assertThat(Eye.info(shard.replicas().get(0), "replication")).containsEntry("role", "slave")
                    .containsEntry("master_link_status", "up");
        }
    }

    @Test
    void aTeamsOwnClusterClientReadsBackWhatItWroteInEverySlotRange() {
        RedisClusterClient client = RedisClusterClient.create(cluster.clientResources(), cluster.seedUris());
        try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
            for (int i = 0; i < 300; i++) {
                connection.sync().set("cart:" + i, "items " + i);
            }
            for (int i = 0; i < 300; i++) {
                assertThat(connection.sync().get("cart:" + i)).isEqualTo("items " + i);
            }
            Map<String, Long> keysPerNode = new java.util.HashMap<>();
            for (Shard shard : cluster.shards()) {
                keysPerNode.put(shard.master().name(), Eye.dbSize(shard.master()));
            }
            assertThat(keysPerNode.values()).as("keys on each master").allSatisfy(count -> assertThat(count)
                    .isGreaterThan(50));
        } finally {
            client.shutdown();
        }
    }

    @Test
    void theAddressMapperMapsWhatNodesAnnounceToWhereTheJvmReachesThem() {
        for (RedisNode node : cluster.dataNodes()) {
            assertThat(cluster.addressMapper().map(node.address())).isEqualTo(node.reachableAddress());
        }
        List<Object> slots = Eye.callArray(cluster.dataNodes().get(0), "CLUSTER", "SLOTS");
        List<?> first = (List<?>) slots.get(0);
        List<?> master = (List<?>) first.get(2);
        NodeAddress announced = NodeAddress.of(String.valueOf(master.get(0)), ((Long) master.get(1)).intValue());
        assertThat(cluster.dataNodes()).extracting(RedisNode::address).contains(announced);
    }

    @Test
    void killMasterPromotesItsReplicaAndResetGivesTheShardItsFirstMasterBack() {
        RedisNode master = cluster.shards().get(1).master();
        try (InjectedFault fault = cluster.inject(Faults.killMaster().onShard(1))) {
            assertThat(fault.targets()).containsExactly(master);
            RedisNode promoted = cluster.awaitFailover();
            assertThat(promoted.name()).isEqualTo("redis-4");
        }
        cluster.reset();
        cluster.awaitHealthy(Duration.ofSeconds(1));
        assertThat(cluster.shards().get(1).master()).isEqualTo(master);
    }

    @Test
    void killMasterUnderTheBuiltInWriterFailsOverWithinNodeTimeoutAndTheElectionAndLosesNothing() {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(10))
                .fault(Faults.killMaster())
                .timeout(Duration.ofSeconds(20))
                .run();

        DrillAssertions.assertThat(report)
                .detectedWithin(Duration.ofSeconds(3))
                .failedOverWithin(Duration.ofSeconds(4))
                .recoveredWithin(Duration.ofSeconds(5))
                .hasNoLostWrites();
        assertThat(report.oldMaster()).isEqualTo("redis-0");
        assertThat(report.newMaster()).as("the replica that took over, not the master the reset gave back")
                .isEqualTo("redis-3");
        assertThat(report.failedWrites() + report.indeterminateWrites()).isPositive();
        assertThat(report.detectionTime()).isLessThan(report.failoverTime());
        assertThat(report.timeline()).extracting(SentinelEvent::type).contains("+pfail", "+fail", "+promoted");
    }

    /**
     * A frozen master answers nothing, not even the client's topology refresh: the built-in writer must still follow
     * the promotion long before the master thaws, rather than wait for it.
     */
    @Test
    void freezeMasterUnderTheBuiltInWriterRecoversOnThePromotedReplicaBeforeTheMasterThaws() {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(10))
                .fault(Faults.freezeMaster(Duration.ofSeconds(8)))
                .timeout(Duration.ofSeconds(20))
                .run();

        DrillAssertions.assertThat(report)
                .failedOverWithin(Duration.ofSeconds(4))
                .recoveredWithin(Duration.ofSeconds(5));
        assertThat(report.clientRecoveryTime()).as("recovered after the promotion, on the promoted replica")
                .isGreaterThan(report.failoverTime());
    }

    /** Redis Cluster's documented write loss: the partitioned master acknowledges until node-timeout, then refuses. */
    @Test
    void partitionMasterLosesWhatTheOldMasterAcknowledgedBeforeItKnewItWasInTheMinority() {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(10))
                .fault(Faults.partitionMaster(Duration.ofSeconds(4)))
                .timeout(Duration.ofSeconds(20))
                .run();

        DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(4));
        assertThat(report.lostWrites()).as("acknowledged by the partitioned master, discarded when it rejoined")
                .isPositive();
        assertThat(report.writes()).filteredOn(w -> w.lost()).allSatisfy(w ->
                assertThat(w.sentAt()).isBetween(Duration.ofMillis(-100), Duration.ofMillis(2000)));
        assertThat(report.failedWrites()).as("refused with CLUSTERDOWN once it knew").isPositive();
    }

    @Test
    void aManualFailoverSwitchesTheShardAtOnceAndLosesNothing() {
        FailoverReport report = cluster.drill()
                .load(WriteLoad.everyMillis(10))
                .fault(Faults.manualFailover())
                .timeout(Duration.ofSeconds(10))
                .run();

        DrillAssertions.assertThat(report).failedOverWithin(Duration.ofSeconds(1)).hasNoLostWrites();
    }

    @Test
    void aTakeoverNeedsNoVote() {
        RedisNode replica = cluster.shards().get(2).replicas().get(0);
        cluster.inject(Faults.manualFailover(FailoverMode.TAKEOVER).onShard(2)).close();
        assertThat(cluster.awaitFailover()).isEqualTo(replica);
    }

    @Test
    void killingAWholeShardLeavesItsSlotsUncoveredUntilItHeals() {
        try (InjectedFault fault = cluster.inject(Faults.killShard(2))) {
            assertThat(fault.targets()).extracting(RedisNode::name).containsExactly("redis-2", "redis-5");
            RedisNode survivor = cluster.dataNodes().get(0);
            org.awaitility.Awaitility.await("the survivors calling the cluster failing")
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(Eye.clusterInfo(survivor)).containsEntry("cluster_state", "fail"));
        }
        cluster.reset();
        cluster.awaitHealthy(Duration.ofSeconds(1));
    }

    @Test
    void faultsThatDoNotFitTheClusterSayWhy() {
        assertThatThrownBy(() -> cluster.inject(Faults.killMaster().onShard(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onShard: shard = 3; allowed: 0 to 2 (this cluster has 3 shards)");
        assertThatThrownBy(() -> cluster.inject(Faults.killSentinels(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fits Sentinel topologies");
        assertThatThrownBy(() -> cluster.inject(Faults.killReplica(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("killReplica: index = 1; allowed: 0 to 0 (shard 0 of this topology has 1"
                        + " replica)");
    }
}
