package io.github.sentineldrill.internal.compat;

import io.github.sentineldrill.SentinelDrillException;

import java.util.Optional;

/**
 * What the Lettuce conveniences (the built-in writer, {@code clientResources()}) need of the build: Lettuce on the
 * class path, and a Netty it can run on. Lettuce 6 runs on Netty 4.1 and 4.2; Lettuce 7 needs Netty 4.2, and a build
 * that also has Redisson 3.x (or imports netty-bom 4.1) resolves Netty 4.1, with which Lettuce 7 fails deep inside,
 * with a {@link NoClassDefFoundError}. This says so before, in words: the two versions and the fix. The drill's own
 * machinery (event recording, probes, verification of custom loads) needs neither.
 */
public final class ClientLibraries {

    private static final String NETTY_42_CLASS = "io.netty.channel.MultiThreadIoEventLoopGroup";

    private ClientLibraries() {
    }

    /**
     * @param feature what needs Lettuce, for the message, such as {@code "the built-in writer"}
     * @throws SentinelDrillException when Lettuce is missing or cannot run on the Netty of this build
     */
    public static void requireUsableLettuce(String feature) {
        Optional<String> lettuce = lettuceVersion();
        if (lettuce.isEmpty()) {
            throw new SentinelDrillException(feature + " needs Lettuce (io.lettuce:lettuce-core), and it is not on the"
                    + " class path. Add it, or use a custom load (WriteLoad.custom) with your own client.");
        }
        String version = lettuce.get();
        if (major(version) >= 7 && !present(NETTY_42_CLASS)) {
            throw new SentinelDrillException(feature + " uses Lettuce " + version + ", which needs Netty 4.2, but this"
                    + " build resolves Netty " + nettyVersion().orElse("4.1") + " (Redisson 3.x and netty-bom 4.1"
                    + " bring it). Fix it with one of: use Lettuce 6.x, which runs on Netty 4.1 and 4.2 (the version"
                    + " Sentinel Drill itself declares); put Netty 4.2 in the build (import io.netty:netty-bom:4.2.x);"
                    + " or use a custom load (WriteLoad.custom) with your own client.");
        }
    }

    /** The Lettuce version on the class path, such as {@code 6.8.2.RELEASE}; empty without Lettuce. */
    public static Optional<String> lettuceVersion() {
        if (!present("io.lettuce.core.RedisClient")) {
            return Optional.empty();
        }
        try {
            String version = io.lettuce.core.LettuceVersion.getVersion();
            if (version != null && !version.isBlank()) {
                int commit = version.indexOf('/');
                return Optional.of(commit > 0 ? version.substring(0, commit) : version);
            }
        } catch (LinkageError e) {
            // An old Lettuce without LettuceVersion: read the jar's manifest below.
        }
        return Optional.ofNullable(io.lettuce.core.RedisClient.class.getPackage().getImplementationVersion())
                .or(() -> Optional.of("unknown"));
    }

    /** The Netty version on the class path, such as {@code 4.1.118.Final}. */
    public static Optional<String> nettyVersion() {
        if (!present("io.netty.util.Version")) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(io.netty.util.Version.identify().get("netty-common"))
                    .map(io.netty.util.Version::artifactVersion);
        } catch (LinkageError e) {
            return Optional.empty();
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.substring(0, version.indexOf('.')));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ClientLibraries.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
