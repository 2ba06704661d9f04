package io.github.sentineldrill.internal;

import io.github.sentineldrill.ClusterStartException;

/**
 * A node could not bind (or publish) the port chosen for it: another process took it in between. A start that fails
 * with it is tried again with fresh ports ({@link LoopbackPorts#startWithFreshPorts}).
 */
public final class PortTakenException extends ClusterStartException {

    private static final long serialVersionUID = 1L;

    public PortTakenException(String message) {
        super(message);
    }

    public PortTakenException(String message, Throwable cause) {
        super(message, cause);
    }
}
