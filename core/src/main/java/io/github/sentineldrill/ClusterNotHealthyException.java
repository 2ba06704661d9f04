package io.github.sentineldrill;

/**
 * A wait on the state of a topology ran out of time. The message says what was awaited and what was still wrong at
 * the deadline.
 */
public class ClusterNotHealthyException extends SentinelDrillException {

    private static final long serialVersionUID = 1L;

    public ClusterNotHealthyException(String message) {
        super(message);
    }

    public ClusterNotHealthyException(String message, Throwable cause) {
        super(message, cause);
    }
}
