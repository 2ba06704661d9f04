package io.github.sentineldrill.internal;

import io.github.sentineldrill.AddressMapper;
import io.github.sentineldrill.Backend;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.relay.NodeRelays;
import io.github.sentineldrill.internal.relay.Relay;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A running topology of one backend: its nodes and how to reach them. Backends are strategies behind this interface;
 * everything that only needs to talk to nodes (health, roles, faults) lives outside them.
 *
 * <p>Nodes reach every data node through its {@link Relay} in this JVM: a data node's {@link NodeHandle#address()} is
 * its relay's address, and its {@link NodeHandle#reachableAddress()} the node itself. The test JVM's own clients
 * connect directly (see {@link #addressMapper()}), so cutting a relay parts a node from its peers only. Sentinels are
 * reached directly by everyone.
 *
 * <p>The operations on single nodes are mechanics only: {@link NodeActions} calls them and records what they did in
 * the node's {@link NodeState}; {@link #checkProcesses()} expects only {@link NodeState#RUNNING} nodes to run.
 */
public interface Topology extends AutoCloseable {

    /** The backend that runs the nodes; never {@link Backend#AUTO}. */
    Backend backend();

    /** Unique to this topology: its directory's name (LOCAL), its label value (DOCKER). */
    String id();

    /** One line for logs, such as {@code LOCAL, redis-server 7.0.15 (/usr/bin/redis-server)}. */
    String description();

    /** The data nodes in start order: {@code redis-0} was the first master. */
    List<NodeHandle> dataNodes();

    List<NodeHandle> sentinels();

    /**
     * Maps the address a node is known by inside the topology to the address the test JVM reaches it on; addresses of
     * no node are returned unchanged.
     */
    default AddressMapper addressMapper() {
        return announced -> Stream.concat(dataNodes().stream(), sentinels().stream())
                .filter(node -> node.address().equals(announced))
                .findFirst()
                .map(NodeHandle::reachableAddress)
                .orElse(announced);
    }

    /** The relays through which other nodes reach the data nodes. */
    NodeRelays relays();

    /** SIGKILLs the node (and any child it forked); returns once it is gone. */
    void kill(NodeHandle node);

    /** Asks the node to shut down as an operator would (SIGTERM); returns once it is gone. */
    void stop(NodeHandle node, Duration timeout);

    /** Suspends the node (SIGSTOP, docker pause): it keeps its connections and answers nothing. */
    void freeze(NodeHandle node);

    /** Resumes a frozen node. */
    void thaw(NodeHandle node);

    /**
     * Starts a node that is down on its old address, and returns without waiting for it to answer. A data node starts
     * from a fresh config: a replica of {@code replicaOf}, or a master (empty, as there is no persistence) when empty.
     * A sentinel starts from the config it last wrote itself, as an operator's restart would.
     */
    void restart(NodeHandle node, Optional<NodeAddress> replicaOf);

    /**
     * Throws a {@link io.github.sentineldrill.SentinelDrillException} if a node the topology expects to be running
     * has exited, with the tail of its log; returns otherwise.
     */
    void checkProcesses();

    /** Stops every node and removes everything the topology created. Idempotent; never throws. */
    @Override
    void close();
}
