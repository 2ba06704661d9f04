package io.github.sentineldrill;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests' independent eye on nodes: Lettuce, not the library's own RESP client, so that a contract check does not
 * read state through the code it checks. One client for the test JVM, a connection per look.
 */
public final class Eye {

    private static final RedisClient CLIENT = RedisClient.create();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private Eye() {
    }

    /** {@code INFO section} of {@code node}, as its {@code field:value} lines. */
    public static Map<String, String> info(RedisNode node, String section) {
        return fields(callString(node, "INFO", section));
    }

    /** {@code CLUSTER INFO} of {@code node}, as its {@code field:value} lines. */
    public static Map<String, String> clusterInfo(RedisNode node) {
        return fields(callString(node, "CLUSTER", "INFO"));
    }

    /** {@code SENTINEL MASTER name} on {@code sentinel}. */
    public static Map<String, String> sentinelMaster(RedisNode sentinel, String name) {
        return pairs(callArray(sentinel, "SENTINEL", "MASTER", name));
    }

    /** {@code SENTINEL REPLICAS name} or {@code SENTINEL SENTINELS name} on {@code sentinel}. */
    public static List<Map<String, String>> sentinelList(RedisNode sentinel, String what, String name) {
        List<Map<String, String>> result = new ArrayList<>();
        for (Object item : callArray(sentinel, "SENTINEL", what, name)) {
            result.add(pairs((List<?>) item));
        }
        return result;
    }

    /** {@code host:port} the sentinel names as master of {@code name}. */
    public static NodeAddress masterAddress(RedisNode sentinel, String name) {
        List<Object> hostPort = callArray(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", name);
        return NodeAddress.of(String.valueOf(hostPort.get(0)), Integer.parseInt(String.valueOf(hostPort.get(1))));
    }

    public static long dbSize(RedisNode node) {
        return callLong(node, "DBSIZE");
    }

    public static String callString(RedisNode node, String command, String... args) {
        try (StatefulRedisConnection<String, String> connection = connect(node)) {
            Object reply = connection.sync().dispatch(keyword(command), new StatusOutput<>(StringCodec.UTF8),
                    arguments(args));
            return reply == null ? null : String.valueOf(reply);
        }
    }

    public static long callLong(RedisNode node, String command, String... args) {
        try (StatefulRedisConnection<String, String> connection = connect(node)) {
            return connection.sync().dispatch(keyword(command), new IntegerOutput<>(StringCodec.UTF8),
                    arguments(args));
        }
    }

    public static List<Object> callArray(RedisNode node, String command, String... args) {
        try (StatefulRedisConnection<String, String> connection = connect(node)) {
            return connection.sync().dispatch(keyword(command), new NestedMultiOutput<>(StringCodec.UTF8),
                    arguments(args));
        }
    }

    private static StatefulRedisConnection<String, String> connect(RedisNode node) {
        NodeAddress address = node.reachableAddress();
        return CLIENT.connect(RedisURI.builder().withHost(address.host()).withPort(address.port())
                .withTimeout(TIMEOUT).build());
    }

    private static ProtocolKeyword keyword(String command) {
        try {
            return CommandType.valueOf(command.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            byte[] bytes = command.getBytes(StandardCharsets.US_ASCII);
            return new ProtocolKeyword() {
                @Override
                public byte[] getBytes() {
                    return bytes;
                }

                @Override
                public String name() {
                    return command;
                }
            };
        }
    }

    private static CommandArgs<String, String> arguments(String... args) {
        CommandArgs<String, String> arguments = new CommandArgs<>(StringCodec.UTF8);
        for (String arg : args) {
            arguments.add(arg);
        }
        return arguments;
    }

    private static Map<String, String> pairs(List<?> list) {
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i + 1 < list.size(); i += 2) {
            result.put(String.valueOf(list.get(i)), String.valueOf(list.get(i + 1)));
        }
        return result;
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        if (text != null) {
            for (String line : text.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) {
                    result.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
        }
        return result;
    }
}
