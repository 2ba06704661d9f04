package io.github.sentineldrill.internal.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One node's view of the cluster, as {@code CLUSTER NODES} prints it: a line per node it knows.
 *
 * @param entries every line
 */
public record ClusterNodes(List<Entry> entries) {

    /**
     * A line: {@code <id> <ip:port@cport[,hostname]> <flags> <master> <ping-sent> <pong-recv> <config-epoch>
     * <link-state> <slot>...}.
     */
    public record Entry(String id, String address, List<String> flags, String masterId, long configEpoch,
                        String linkState, List<Slots.Range> slots) {

        public boolean myself() {
            return flags.contains("myself");
        }

        public boolean master() {
            return flags.contains("master");
        }

        /** Marked failing by this node alone ({@code fail?}). */
        public boolean possiblyFailing() {
            return flags.contains("fail?");
        }

        /** Marked failing with the agreement of a majority of masters ({@code fail}). */
        public boolean failing() {
            return flags.contains("fail");
        }

        /** Whether the line says something is wrong: failing, in a handshake, without an address, disconnected. */
        public boolean troubled() {
            return failing() || possiblyFailing() || flags.contains("handshake") || flags.contains("noaddr")
                    || !"connected".equals(linkState);
        }
    }

    /** Parses the text of {@code CLUSTER NODES}; lines it cannot read are left out. */
    public static ClusterNodes parse(String text) {
        List<Entry> entries = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\r?\n")) {
                String[] fields = line.trim().split(" ");
                if (fields.length < 8) {
                    continue;
                }
                long epoch;
                try {
                    epoch = Long.parseLong(fields[6]);
                } catch (NumberFormatException e) {
                    continue;
                }
                entries.add(new Entry(fields[0], fields[1], List.of(fields[2].split(",")),
                        fields[3], epoch, fields[7],
                        Slots.ranges(Arrays.asList(fields).subList(8, fields.length))));
            }
        }
        return new ClusterNodes(List.copyOf(entries));
    }

    /** The line of the node that printed the view. */
    public Optional<Entry> myself() {
        return entries.stream().filter(Entry::myself).findFirst();
    }

    public Optional<Entry> byId(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The master this view says serves {@code slot}. */
    public Optional<Entry> ownerOf(int slot) {
        return entries.stream().filter(e -> e.master() && !e.failing()
                && e.slots().stream().anyMatch(range -> range.contains(slot))).findFirst();
    }
}
