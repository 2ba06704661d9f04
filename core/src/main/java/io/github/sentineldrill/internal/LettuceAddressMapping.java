package io.github.sentineldrill.internal;

import io.github.sentineldrill.AddressMapper;
import io.github.sentineldrill.NodeAddress;
import io.lettuce.core.internal.HostAndPort;
import io.lettuce.core.resource.MappingSocketAddressResolver;

import java.util.function.Function;

/** Lettuce's view of an {@link AddressMapper}: a socket address resolver that maps before it resolves. */
public final class LettuceAddressMapping {

    private LettuceAddressMapping() {
    }

    public static MappingSocketAddressResolver resolver(AddressMapper mapper) {
        Function<HostAndPort, HostAndPort> mapping = hostAndPort -> {
            NodeAddress mapped = mapper.map(hostAndPort.getHostText(), hostAndPort.getPort());
            return HostAndPort.of(mapped.host(), mapped.port());
        };
        return MappingSocketAddressResolver.create(mapping);
    }
}
