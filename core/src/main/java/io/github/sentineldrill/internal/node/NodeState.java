package io.github.sentineldrill.internal.node;

import java.util.Locale;

/** What a fault has done to a node's process; a cut is a property of the node's relays, not of its process. */
public enum NodeState {
    /** Started and expected to answer. */
    RUNNING,
    /** Killed or stopped by a fault; its process or container is gone until it is restarted. */
    DOWN,
    /** Suspended by a fault (SIGSTOP, docker pause); it answers nothing until thawed. */
    FROZEN;

    /** The state in words: {@code running}, {@code down}, {@code frozen}. */
    public String describe() {
        return name().toLowerCase(Locale.ROOT);
    }
}
