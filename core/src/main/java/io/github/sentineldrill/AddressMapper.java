package io.github.sentineldrill;

/**
 * Maps an address that a node or a sentinel hands out (the address the topology uses inside) to one the test JVM can
 * reach. Addresses the topology does not know are returned unchanged.
 *
 * <p>Plug it into clients that take a mapping function, for example Jedis:
 * <pre>{@code
 * AddressMapper mapper = cluster.addressMapper();
 * HostAndPortMapper jedisMapper = hp -> {
 *     NodeAddress reachable = mapper.map(hp.getHost(), hp.getPort());
 *     return new HostAndPort(reachable.host(), reachable.port());
 * };
 * }</pre>
 * Lettuce users take {@link SentinelCluster#clientResources()}, which applies the same mapping.
 */
@FunctionalInterface
public interface AddressMapper {

    /** The address the test JVM should connect to instead of {@code announced}. */
    NodeAddress map(NodeAddress announced);

    /** Same as {@link #map(NodeAddress)} for a host and a port. */
    default NodeAddress map(String host, int port) {
        return map(new NodeAddress(host, port));
    }

    /** The mapper that changes nothing. */
    static AddressMapper identity() {
        return address -> address;
    }
}
