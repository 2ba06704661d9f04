package io.github.sentineldrill;

/**
 * A topology could not be started. Whatever had been started was stopped before this was thrown; the message carries
 * the reason and the tail of the logs of the nodes involved.
 */
public class ClusterStartException extends SentinelDrillException {

    private static final long serialVersionUID = 1L;

    public ClusterStartException(String message) {
        super(message);
    }

    public ClusterStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
