package io.github.sentineldrill;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every backend promises about a started topology. Each backend's test class extends this and names its backend;
 * the state checks run right after {@code start} returns, without waiting, because "ready" means ready.
 */
abstract class SentinelClusterContract extends SharedTopologyContract {

    @Override
    ClusterSpec sharedSpec() {
        return spec().replicas(2).sentinels(3).build();
    }

    @BeforeEach
    final void skipWhereTheBackendCannotRun() {
        assumeBackendAvailable();
    }

    @Test
    void everySentinelReportsTheMasterWithAllReplicasAndOtherSentinels() {
        for (RedisNode sentinel : cluster.sentinels()) {
            assertThat(Eye.sentinelMaster(sentinel, "mymaster"))
                    .as("SENTINEL MASTER on %s", sentinel.name())
                    .containsEntry("flags", "master")
                    .containsEntry("num-slaves", "2")
                    .containsEntry("num-other-sentinels", "2")
                    .containsEntry("quorum", "2")
                    .containsEntry("ip", cluster.master().address().host())
                    .containsEntry("port", String.valueOf(cluster.master().address().port()));
        }
    }

    @Test
    void everySentinelListsEveryReplicaConnected() {
        List<String> replicaAddresses = cluster.replicas().stream().map(r -> r.address().toString()).toList();
        for (RedisNode sentinel : cluster.sentinels()) {
            List<Map<String, String>> replicas = Eye.sentinelList(sentinel, "REPLICAS", "mymaster");
            assertThat(replicas).as("SENTINEL REPLICAS on %s", sentinel.name())
                    .extracting(r -> r.get("ip") + ":" + r.get("port"))
                    .containsExactlyInAnyOrderElementsOf(replicaAddresses);
            assertThat(replicas).extracting(r -> r.get("flags")).containsOnly("slave");
        }
    }

    @Test
    void everySentinelListsEveryOtherSentinelConnected() {
        for (RedisNode sentinel : cluster.sentinels()) {
            List<String> others = cluster.sentinels().stream()
                    .filter(s -> s != sentinel).map(s -> s.address().toString()).toList();
            List<Map<String, String>> sentinels = Eye.sentinelList(sentinel, "SENTINELS", "mymaster");
            assertThat(sentinels).as("SENTINEL SENTINELS on %s", sentinel.name())
                    .extracting(s -> s.get("ip") + ":" + s.get("port"))
                    .containsExactlyInAnyOrderElementsOf(others);
            assertThat(sentinels).extracting(s -> s.get("flags")).containsOnly("sentinel");
        }
    }

    @Test
    void everyReplicaHasAnUpLinkToTheMasterAndTheMasterSeesThemOnline() {
        RedisNode master = cluster.master();
        for (RedisNode replica : cluster.replicas()) {
            assertThat(Eye.info(replica, "replication"))
                    .as("INFO replication on %s", replica.name())
                    .containsEntry("role", "slave")
                    .containsEntry("master_host", master.address().host())
                    .containsEntry("master_port", String.valueOf(master.address().port()))
                    .containsEntry("master_link_status", "up")
                    .containsEntry("master_sync_in_progress", "0");
        }
        Map<String, String> info = Eye.info(master, "replication");
        assertThat(info).containsEntry("role", "master").containsEntry("connected_slaves", "2");
        assertThat(info.get("slave0")).contains("state=online");
        assertThat(info.get("slave1")).contains("state=online");
    }

    @Test
    void theFirstDataNodeIsTheMasterAndTheOthersAreItsReplicas() {
        assertThat(cluster.dataNodes()).extracting(RedisNode::name).containsExactly("redis-0", "redis-1", "redis-2");
        assertThat(cluster.master().name()).isEqualTo("redis-0");
        assertThat(cluster.replicas()).extracting(RedisNode::name).containsExactly("redis-1", "redis-2");
        assertThat(cluster.sentinels()).extracting(RedisNode::name)
                .containsExactly("sentinel-0", "sentinel-1", "sentinel-2");
        assertThat(cluster.sentinels()).allMatch(RedisNode::isSentinel);
        assertThat(cluster.dataNodes()).noneMatch(RedisNode::isSentinel);
        assertThat(cluster.backend()).isNotEqualTo(Backend.AUTO);
    }

    @Test
    void aWriteThroughASentinelAwareLettuceConnectionIsFoundOnEveryReplica() {
        String key = "contract:" + UUID.randomUUID();
        RedisClient client = RedisClient.create(cluster.clientResources(), cluster.sentinelUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().set(key, "written")).isEqualTo("OK");
        } finally {
            client.shutdown();
        }
        for (RedisNode replica : cluster.replicas()) {
            RedisClient replicaClient = RedisClient.create(cluster.clientResources(), replica.uri());
            try (StatefulRedisConnection<String, String> connection = replicaClient.connect()) {
                await("the write replicated to " + replica.name()).atMost(Duration.ofSeconds(5))
                        .until(() -> "written".equals(connection.sync().get(key)));
            } finally {
                replicaClient.shutdown();
            }
        }
    }

    @Test
    void sentinelsRunWithTheirUsualPingPeriodOnceStartReturns() {
        for (RedisNode sentinel : cluster.sentinels()) {
            List<Object> debug;
            try {
                debug = Eye.callArray(sentinel, "SENTINEL", "DEBUG");
            } catch (io.lettuce.core.RedisCommandExecutionException unsupported) {
                assumeTrue(false, "this Redis has no SENTINEL DEBUG (before 7.0), so nothing was shortened");
                return;
            }
            assertThat(debug).as("SENTINEL DEBUG on %s", sentinel.name()).containsSequence("PING-PERIOD", "1000");
        }
    }

    @Test
    void awaitHealthyReturnsForAHealthyTopologyAndNamesWhatIsWrongForAnUnhealthyOne() {
        cluster.awaitHealthy(Duration.ofSeconds(5));
        RedisNode replica = cluster.replicas().get(0);
        try (var fault = cluster.inject(io.github.sentineldrill.fault.Faults.killReplica(0))) {
            assertThatThrownBy(() -> cluster.awaitHealthy(Duration.ofMillis(300)))
                    .isInstanceOf(ClusterNotHealthyException.class)
                    .hasMessageContaining("topology 'mymaster' healthy: not reached within 300 ms")
                    .hasMessageContaining(replica.name() + " is down");
        }
        cluster.reset();
    }

    @Test
    void theAddressMapperMapsEveryNodeAddressToItsReachableUri() {
        for (RedisNode node : cluster.dataNodes()) {
            NodeAddress mapped = cluster.addressMapper().map(node.address());
            assertThat(mapped.host()).isEqualTo(node.uri().getHost());
            assertThat(mapped.port()).isEqualTo(node.uri().getPort());
        }
        NodeAddress unknown = NodeAddress.of("unknown.invalid", 1);
        assertThat(cluster.addressMapper().map(unknown)).isEqualTo(unknown);
    }

    @Test
    void specSettingsReachTheSentinelsAndTheDataNodes() {
        try (SentinelCluster tuned = SentinelCluster.start(spec().replicas(1).sentinels(2).quorum(1)
                .masterName("orders").downAfter(Duration.ofMillis(1500)).failoverTimeout(Duration.ofSeconds(7))
                .redisConfig("maxmemory-policy allkeys-lru").sentinelConfig("sentinel resolve-hostnames yes")
                .build())) {
            RedisNode sentinel = tuned.sentinels().get(0);
            assertThat(Eye.sentinelMaster(sentinel, "orders"))
                    .containsEntry("quorum", "1")
                    .containsEntry("down-after-milliseconds", "1500")
                    .containsEntry("failover-timeout", "7000")
                    .containsEntry("parallel-syncs", "1")
                    .containsEntry("num-slaves", "1")
                    .containsEntry("num-other-sentinels", "1");
            assertThat(Eye.callArray(sentinel, "SENTINEL", "CONFIG", "GET", "resolve-hostnames"))
                    .containsExactly("resolve-hostnames", "yes");
            for (RedisNode node : tuned.dataNodes()) {
                assertThat(Eye.callArray(node, "CONFIG", "GET", "maxmemory-policy"))
                        .containsExactly("maxmemory-policy", "allkeys-lru");
            }
        }
    }

    @Test
    void aMasterWithoutReplicasAndOneSentinelIsReady() {
        try (SentinelCluster single = SentinelCluster.start(spec().replicas(0).sentinels(1).build())) {
            assertThat(single.replicas()).isEmpty();
            assertThat(Eye.sentinelMaster(single.sentinels().get(0), "mymaster"))
                    .containsEntry("flags", "master")
                    .containsEntry("num-slaves", "0")
                    .containsEntry("num-other-sentinels", "0")
                    .containsEntry("quorum", "1");
        }
    }

    @Test
    void afterCloseNoNodeAcceptsConnectionsAndTheClusterRefusesUse() {
        SentinelCluster closing = SentinelCluster.start(spec().replicas(1).sentinels(1).build());
        List<RedisNode> nodes = new ArrayList<>(closing.dataNodes());
        nodes.addAll(closing.sentinels());
        List<RedisURI> uris = nodes.stream().map(RedisNode::uri).toList();

        closing.close();
        closing.close();

        for (RedisURI uri : uris) {
            assertThatThrownBy(() -> new Socket(uri.getHost(), uri.getPort()).close())
                    .as("%s after close", uri)
                    .isInstanceOf(ConnectException.class);
        }
        assertThatThrownBy(() -> closing.awaitHealthy(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(closing::master).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
