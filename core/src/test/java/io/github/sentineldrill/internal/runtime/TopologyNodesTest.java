package io.github.sentineldrill.internal.runtime;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.LoopbackPorts;
import io.github.sentineldrill.internal.node.NodeRole;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The skeleton's promise on any backend: the watchdog is released only when the backend reports everything gone, so a
 * backend that could not remove its nodes (a hung engine) leaves the watchdog to do it when the JVM exits.
 */
class TopologyNodesTest {

    @Test
    void theWatchdogIsReleasedWhenTheBackendRemovedEverything() {
        TopologyNodes nodes = TopologyNodes.open(factory(true), "t", List.of(NodePlan.of("redis-0", NodeRole.DATA)),
                LoopbackPorts.FREE);
        assertThat(nodes.watchdogArmed()).isTrue();

        nodes.close();

        assertThat(nodes.watchdogArmed()).isFalse();
    }

    @Test
    void theWatchdogStaysArmedWhenTheBackendCouldNotRemoveEverything() {
        TopologyNodes nodes = TopologyNodes.open(factory(false), "t", List.of(NodePlan.of("redis-0", NodeRole.DATA)),
                LoopbackPorts.FREE);

        nodes.close();

        assertThat(nodes.watchdogArmed()).as("armed, to remove what is left when the JVM exits").isTrue();
    }

    private static NodeBackend.Factory factory(boolean removesEverything) {
        return new NodeBackend.Factory() {
            @Override
            public Backend kind() {
                return Backend.LOCAL;
            }

            @Override
            public NodeBackend open(String name) {
                return new NothingBackend(removesEverything);
            }
        };
    }

    /** A backend whose nodes never run: the skeleton's bookkeeping is all there is. */
    private record NothingBackend(boolean removesEverything) implements NodeBackend {

        @Override
        public Backend kind() {
            return Backend.LOCAL;
        }

        @Override
        public String id() {
            return "nothing";
        }

        @Override
        public String description() {
            return "nothing";
        }

        @Override
        public String redisVersion() {
            return "";
        }

        @Override
        public InetAddress relayBind() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public String relayHost() {
            return "127.0.0.1";
        }

        @Override
        public List<BackendNode> prepare(List<NodePlan> plans, LoopbackPorts ports) {
            return plans.stream().map(plan -> (BackendNode) new BackendNode() {
                @Override
                public NodePlan plan() {
                    return plan;
                }

                @Override
                public NodeLayout layout() {
                    return new NodeLayout("127.0.0.1", 1, OptionalInt.empty(), "/nowhere");
                }

                @Override
                public NodeAddress reachable() {
                    return NodeAddress.of("127.0.0.1", 1);
                }

                @Override
                public Optional<NodeAddress> reachableBus() {
                    return Optional.empty();
                }

                @Override
                public NodeAddress peerAddress() {
                    return reachable();
                }

                @Override
                public Optional<String> exit() {
                    return Optional.empty();
                }

                @Override
                public boolean portTaken() {
                    return false;
                }

                @Override
                public String logTail(int lines) {
                    return "";
                }
            }).toList();
        }

        @Override
        public void writeConfig(BackendNode node, String config) {
        }

        @Override
        public void writeFile(BackendNode node, String fileName, String content) {
        }

        @Override
        public void start(List<BackendNode> nodes) {
        }

        @Override
        public void kill(BackendNode node) {
        }

        @Override
        public void stop(BackendNode node, Duration timeout) {
        }

        @Override
        public void freeze(BackendNode node) {
        }

        @Override
        public void thaw(BackendNode node) {
        }

        @Override
        public Map.Entry<String, Map<String, String>> watchdogCleanup() {
            return Map.entry("exit 0", Map.of());
        }

        @Override
        public boolean close(Duration timeout) {
            return removesEverything;
        }
    }
}
