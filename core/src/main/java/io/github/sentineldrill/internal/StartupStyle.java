package io.github.sentineldrill.internal;

/**
 * How a topology is configured and started. Topologies use {@link #DRILL}; {@link #STOCK} exists so that benchmarks
 * can show what the differences are worth.
 */
public enum StartupStyle {

    /**
     * Sentinel Drill's way: sentinels pre-seeded with their ids, the replicas and each other; replicas sync with no
     * diskless-sync delay and are told to connect at once; sentinels' timers shortened while the topology starts.
     */
    DRILL,

    /**
     * A hand-written setup started the same way: {@code sentinel.conf} with {@code sentinel monitor} and the timeouts
     * only, so sentinels discover replicas and each other themselves; Redis's default {@code repl-diskless-sync}
     * settings (5 s delay on Redis 7); nothing nudged, nothing shortened.
     */
    STOCK
}
