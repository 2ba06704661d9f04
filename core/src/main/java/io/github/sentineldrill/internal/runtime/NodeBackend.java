package io.github.sentineldrill.internal.runtime;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.internal.LoopbackPorts;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One topology's place on a backend: LOCAL (processes in a directory) or DOCKER (containers in a network). It
 * prepares, starts and signals nodes; everything else ({@link TopologyNodes}) is the same for both.
 */
public interface NodeBackend {

    /** What opens a backend, once per start attempt: the binary or image is found once, before. */
    interface Factory {

        Backend kind();

        /** Opens a new place for a topology named {@code name}; nothing of it runs yet. */
        NodeBackend open(String name);
    }

    Backend kind();

    /** Unique to this topology: its directory's name (LOCAL), its label value (DOCKER). */
    String id();

    /** One line for logs and reports, such as {@code LOCAL, redis-server 7.0.15 (PATH: /usr/bin/redis-server)}. */
    String description();

    /** The Redis version the nodes run, such as {@code 7.0.15}, when known before they start; else empty. */
    String redisVersion();

    /** Where relays listen: an address only this machine's nodes reach. */
    InetAddress relayBind();

    /** What the nodes call {@link #relayBind()}. */
    String relayHost();

    /**
     * Prepares a place for each node: ports from {@code ports}, a directory or a container; none is started.
     *
     * @throws io.github.sentineldrill.internal.PortTakenException when a port was taken meanwhile
     */
    List<BackendNode> prepare(List<NodePlan> plans, LoopbackPorts ports);

    /** Writes the config a node reads at its next start. */
    void writeConfig(BackendNode node, String config);

    /** Writes another file into the node's working directory, such as a cluster node's {@code nodes.conf}. */
    void writeFile(BackendNode node, String fileName, String content);

    /** Starts these nodes, all together (first starts and restarts alike), without waiting for them to answer. */
    void start(List<BackendNode> nodes);

    /** SIGKILL (docker kill), of the node and anything it forked; returns once it is gone. */
    void kill(BackendNode node);

    /** SIGTERM, as an operator's shutdown; returns once it is gone, or throws after {@code timeout}. */
    void stop(BackendNode node, Duration timeout);

    /** SIGSTOP (docker pause). */
    void freeze(BackendNode node);

    /** SIGCONT (docker unpause). */
    void thaw(BackendNode node);

    /**
     * The watchdog's cleanup of this topology, should the JVM die without closing it: {@code sh} commands, and the
     * environment variables they read (so that no watchdog names the topology on its command line).
     */
    Map.Entry<String, Map<String, String>> watchdogCleanup();

    /**
     * Stops every node and removes everything this topology created, within {@code timeout}.
     *
     * @return whether everything is gone; if not, the watchdog stays armed and removes the rest when the JVM exits
     */
    boolean close(Duration timeout);

    /** An {@link IOException} in the words of a start: "Could not ... : reason". */
    static io.github.sentineldrill.ClusterStartException startFailure(String what, IOException e) {
        return new io.github.sentineldrill.ClusterStartException(what + ": " + e.getMessage(), e);
    }
}
