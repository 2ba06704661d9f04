package io.github.sentineldrill;

import java.util.Objects;

/**
 * A host and a port, as Redis and Sentinel report them (for example in {@code SENTINEL GET-MASTER-ADDR-BY-NAME}).
 *
 * @param host a host name or an IP address literal, never blank
 * @param port a TCP port, 1 to 65535
 */
public record NodeAddress(String host, int port) {

    public NodeAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
        }
    }

    /** Shorthand for {@code new NodeAddress(host, port)}. */
    public static NodeAddress of(String host, int port) {
        return new NodeAddress(host, port);
    }

    /** {@code host:port}, with IPv6 literals in brackets. */
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
