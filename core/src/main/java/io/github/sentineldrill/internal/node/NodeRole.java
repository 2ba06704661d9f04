package io.github.sentineldrill.internal.node;

/** What a node is for; it decides its config, its ports and whether its peers reach it through relays. */
public enum NodeRole {
    /** A Redis data node of a Sentinel topology: master or replica. */
    DATA,
    /** A sentinel. */
    SENTINEL,
    /** A node of a Redis Cluster: it has a client port and a cluster bus port. */
    CLUSTER;

    /** Whether the node listens on a cluster bus port besides its client port. */
    public boolean hasBusPort() {
        return this == CLUSTER;
    }
}
