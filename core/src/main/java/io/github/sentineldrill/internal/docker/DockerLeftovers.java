package io.github.sentineldrill.internal.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.github.sentineldrill.internal.ProcessOwner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds and removes containers and networks of topologies whose JVM is gone. Each carries the label
 * {@code io.github.sentineldrill.owner = host/pid/start-millis}; at each start, labelled leftovers of a process on
 * this host that no longer runs (or whose pid now belongs to another process) are removed.
 */
final class DockerLeftovers {

    private static final Logger LOG = LoggerFactory.getLogger(DockerLeftovers.class);
    static final String OWNER_LABEL = "owner";
    private static final String OWNER_KEY = DockerBackend.LABEL_PREFIX + OWNER_LABEL;
    private static final String TOPOLOGY_KEY = DockerBackend.LABEL_PREFIX + "topology";

    private DockerLeftovers() {
    }

    /** This JVM as the owner label names it. */
    static String owner() {
        return hostName() + "/" + ProcessOwner.current();
    }

    /** Removes leftovers of dead owners on this host. Never throws. */
    static void sweep() {
        try {
            DockerClient client = DockerClientFactory.instance().client();
            Set<String> topologies = new HashSet<>();
            List<Container> containers = client.listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(OWNER_KEY)).exec();
            for (Container container : containers) {
                Map<String, String> labels = container.getLabels();
                if (isAbandoned(labels.get(OWNER_KEY))) {
                    client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
                    topologies.add(labels.get(TOPOLOGY_KEY));
                }
            }
            client.listNetworksCmd().withFilter("label", List.of(OWNER_KEY)).exec().stream()
                    .filter(network -> isAbandoned(network.getLabels().get(OWNER_KEY)))
                    .forEach(network -> {
                        client.removeNetworkCmd(network.getId()).exec();
                        topologies.add(network.getLabels().get(TOPOLOGY_KEY));
                    });
            if (!topologies.isEmpty()) {
                LOG.info("Removed containers and networks of topologies {} whose JVM is gone", topologies);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not sweep leftover Sentinel Drill containers: {}", e.toString());
        }
    }

    private static boolean isAbandoned(String owner) {
        if (owner == null || !owner.startsWith(hostName() + "/")) {
            return false;
        }
        return ProcessOwner.isGone(owner.substring(hostName().length() + 1));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
