package io.github.sentineldrill;

/**
 * Base type of the exceptions Sentinel Drill throws when a topology cannot do what was asked.
 */
public class SentinelDrillException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SentinelDrillException(String message) {
        super(message);
    }

    public SentinelDrillException(String message, Throwable cause) {
        super(message, cause);
    }
}
