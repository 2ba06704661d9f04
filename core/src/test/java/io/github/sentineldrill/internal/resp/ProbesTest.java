package io.github.sentineldrill.internal.resp;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.Eye;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.runtime.BackendChoice;
import io.github.sentineldrill.internal.runtime.Node;
import io.github.sentineldrill.internal.sentinel.SentinelTopology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probes' connections, on a real node: reused between calls, replaced after a restart, never read late. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbesTest {

    private SentinelTopology topology;
    private Node node;

    @BeforeAll
    void start() {
        topology = SentinelTopology.start(ClusterSpec.builder().backend(Backend.LOCAL).replicas(0).sentinels(1)
                .build(), new BackendChoice(Backend.LOCAL, "requested"));
        node = topology.dataNodes().get(0);
    }

    @AfterAll
    void stop() {
        topology.close();
    }

    @Test
    void aHundredProbesOpenOneConnection() throws IOException {
        try (Probes probes = new Probes()) {
            long before = connectionsReceived();
            for (int i = 0; i < 100; i++) {
                String reply = probes.call(node.reachableAddress(), Duration.ofSeconds(1), c -> c.callString("PING"));
                assertThat(reply).isEqualTo("PONG");
            }
            assertThat(connectionsReceived() - before).as("connections the node accepted, the eye's own included")
                    .isEqualTo(2);
        }
    }

    @Test
    void aConnectionThatTimedOutIsNotReusedSoNoLateReplyIsRead() throws IOException {
        try (Probes probes = new Probes()) {
            NodeAddress address = node.reachableAddress();
            assertThatThrownBy(() -> probes.call(address, Duration.ofMillis(200),
                    c -> c.call("BLPOP", "probes-test:nothing", "0.5"))).isInstanceOf(java.net.SocketTimeoutException.class);
            String reply = probes.call(address, Duration.ofSeconds(2), c -> c.callString("ECHO", "fresh"));
            assertThat(reply).as("the next call's own reply, not the late nil of the BLPOP").isEqualTo("fresh");
        }
    }

    @Test
    void anErrorReplyKeepsTheConnection() throws IOException {
        try (Probes probes = new Probes()) {
            long before = connectionsReceived();
            assertThatThrownBy(() -> probes.call(node.reachableAddress(), Duration.ofSeconds(1),
                    c -> c.call("NO-SUCH-COMMAND"))).isInstanceOf(RespErrorReply.class);
            probes.call(node.reachableAddress(), Duration.ofSeconds(1), c -> c.callString("PING"));
            assertThat(connectionsReceived() - before).isEqualTo(2);
        }
    }

    private long connectionsReceived() {
        return Long.parseLong(Eye.info(node, "stats").get("total_connections_received"));
    }
}
