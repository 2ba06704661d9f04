package io.github.sentineldrill.internal.runtime;

import java.util.OptionalInt;

/**
 * Where a node listens and works, as the node itself sees it: what its config file must say.
 *
 * @param bind    the address it binds
 * @param port    its client port
 * @param busPort its cluster bus port, for a cluster node
 * @param dir     its working directory
 */
public record NodeLayout(String bind, int port, OptionalInt busPort, String dir) {

    /** Whether the bus port is not Redis's default of the client port + 10000, so the config must name it. */
    public boolean busPortIsCustom() {
        return busPort.isPresent() && busPort.getAsInt() != port + 10_000;
    }
}
