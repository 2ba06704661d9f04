package io.github.sentineldrill.internal;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.RedisNode;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.InjectedFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Injects faults into a topology, heals them, and brings the topology back to its original shape.
 *
 * <p>Faults act on the node a role names when they are injected ({@link ClusterHealth#reportedMaster()} for "the
 * master"). Node operations are the backend's ({@link Topology}); a partition cuts the node's relay. Freezes and
 * partitions heal themselves when their time is up, on a timer thread of this class.
 */
public final class TopologyFaults implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopologyFaults.class);
    /** Redis 7 waits up to its shutdown-timeout (10 s) for lagging replicas before it exits on SIGTERM. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    /** Sentinel's ping period, which also spaces its reconnections to a node. */
    private static final Duration SENTINEL_PING_PERIOD = Duration.ofMillis(1000);
    private static final Duration SETTLE_TIMEOUT = SENTINEL_PING_PERIOD.multipliedBy(10);

    private final ClusterSpec spec;
    private final Topology topology;
    private final ClusterHealth health;
    private final SentinelView sentinels;
    private final NodeActions nodes;
    private final List<Active> active = new ArrayList<>();
    private ScheduledExecutorService timer;
    private NodeAddress masterBeforeFault;
    /** The highest config epoch when the topology was last reset: a failover since has raised it. */
    private long configEpochAtReset;
    /**
     * Whether a fault kept the master out of the sentinels' reach for down-after or longer since the last reset: they
     * may have voted in a failover that did not complete, which holds back the next one as a completed one does.
     */
    private boolean sentinelsMayHaveVoted;
    private boolean closed;

    public TopologyFaults(ClusterSpec spec, Topology topology, ClusterHealth health) {
        this.spec = spec;
        this.topology = topology;
        this.health = health;
        this.sentinels = new SentinelView(spec, topology, health);
        this.nodes = new NodeActions(spec, topology, sentinels);
    }

    /** Injects {@code fault} now; returns once it is in effect. */
    public synchronized InjectedFault inject(Fault fault) {
        ensureOpen();
        NodeHandle master = fault.targetsMaster() ? sentinels.currentMaster() : null;
        NodeAddress previousMaster = masterBeforeFault;
        if (master != null) {
            if (master.state() != NodeState.RUNNING) {
                throw new IllegalStateException("Cannot inject " + fault + ": the master " + master.name() + " is "
                        + master.state().name().toLowerCase() + " already; heal the fault that hit it, or reset()");
            }
        }
        try {
            if (master != null) {
                masterBeforeFault = master.address();
                awaitSettledLinks(master);
            }
            return injectNow(fault, master);
        } catch (RuntimeException | Error e) {
            // Not injected (a refused SENTINEL FAILOVER, links that did not settle): awaitFailover() must not wait.
            masterBeforeFault = previousMaster;
            throw e;
        }
    }

    private InjectedFault injectNow(Fault fault, NodeHandle master) {
        long at = System.nanoTime();
        Active injected = switch (fault.kind()) {
            case KILL_MASTER -> {
                nodes.kill(master);
                yield new Active(fault, at, List.of(master), () -> nodes.restartIfDown(List.of(master)));
            }
            case STOP_MASTER -> {
                nodes.stop(master, STOP_TIMEOUT);
                yield new Active(fault, at, List.of(master), () -> nodes.restartIfDown(List.of(master)));
            }
            case FREEZE_MASTER -> {
                nodes.freeze(master);
                yield new Active(fault, at, List.of(master), () -> nodes.thawIfFrozen(master));
            }
            case PARTITION_MASTER -> {
                topology.relays().cut(master);
                yield new Active(fault, at, List.of(master), () -> topology.relays().restore(master));
            }
            case RESTART_MASTER -> {
                restartMaster(master);
                yield new Active(fault, at, List.of(master), () -> { });
            }
            case MANUAL_FAILOVER -> {
                requestFailover();
                yield new Active(fault, at, List.of(master), () -> { });
            }
            case KILL_REPLICA -> {
                NodeHandle replica = replica(fault.replicaIndex().orElseThrow());
                at = System.nanoTime();
                nodes.kill(replica);
                yield new Active(fault, at, List.of(replica), () -> nodes.restartIfDown(List.of(replica)));
            }
            case KILL_SENTINELS -> {
                List<NodeHandle> victims = firstSentinels(fault.sentinelCount().orElseThrow());
                at = System.nanoTime();
                victims.forEach(nodes::kill);
                yield new Active(fault, at, victims, () -> nodes.restartIfDown(victims));
            }
        };
        active.add(injected);
        fault.duration().ifPresent(duration -> injected.healAfter(duration));
        LOG.info("Injected {} into '{}': {}", fault, spec.masterName(), TopologyStartup.names(injected.targets));
        return injected;
    }

    /**
     * Waits until the newest link from a peer to {@code master} is one sentinel ping period old. Sentinel reconnects a
     * dropped link no sooner than one ping period after it last connected it, and each reconnection restarts its
     * down-after clock; so a master that fails within a second of a sentinel connecting to it (right after a start or
     * a reset) is detected up to a second later than one whose links are settled, as in production.
     */
    private void awaitSettledLinks(NodeHandle master) {
        Waits.until("links to " + master.name() + " older than the sentinel ping period ("
                + SENTINEL_PING_PERIOD.toMillis() + " ms)", SETTLE_TIMEOUT, () -> {
                    OptionalLong age = topology.relays().newestLinkAge(master);
                    return age.isPresent() && age.getAsLong() < SENTINEL_PING_PERIOD.toNanos()
                            ? List.of("the newest link is " + age.getAsLong() / 1_000_000 + " ms old")
                            : List.of();
                });
    }

    private void restartMaster(NodeHandle master) {
        long begin = System.nanoTime();
        nodes.kill(master);
        nodes.restart(master, Optional.empty());
        nodes.awaitAnswering(List.of(master), spec.startTimeout());
        long tookMillis = (System.nanoTime() - begin) / 1_000_000;
        if (tookMillis >= spec.downAfter().toMillis()) {
            LOG.warn("restartMaster took {} ms, not less than down-after ({} ms): the sentinels may have reacted",
                    tookMillis, spec.downAfter().toMillis());
        }
    }

    private void requestFailover() {
        List<String> failures = new ArrayList<>();
        for (NodeHandle sentinel : topology.sentinels()) {
            if (sentinel.state() != NodeState.RUNNING) {
                continue;
            }
            try (RespConnection connection = RespConnection.open(sentinel.reachableAddress(), CALL_TIMEOUT)) {
                connection.call("SENTINEL", "FAILOVER", spec.masterName());
                return;
            } catch (RespConnection.RespErrorReply refused) {
                throw new SentinelDrillException(sentinel.name() + " refused SENTINEL FAILOVER "
                        + spec.masterName() + ": " + refused.getMessage());
            } catch (IOException e) {
                failures.add(sentinel.name() + ": " + e.getMessage());
            }
        }
        throw new SentinelDrillException("No sentinel took SENTINEL FAILOVER " + spec.masterName() + ": " + failures);
    }

    private NodeHandle replica(int index) {
        NodeHandle master = sentinels.currentMaster();
        List<NodeHandle> replicas = topology.dataNodes().stream().filter(node -> node != master).toList();
        if (index >= replicas.size()) {
            throw new IllegalArgumentException("killReplica: index = " + index + "; allowed: 0 to "
                    + (replicas.size() - 1) + " (this topology has " + replicas.size() + " replicas)");
        }
        NodeHandle replica = replicas.get(index);
        if (replica.state() != NodeState.RUNNING) {
            throw new IllegalStateException("Cannot kill replica " + index + " (" + replica.name() + "): it is "
                    + replica.state().name().toLowerCase() + " already");
        }
        return replica;
    }

    private List<NodeHandle> firstSentinels(int count) {
        List<NodeHandle> all = topology.sentinels();
        if (count > all.size()) {
            throw new IllegalArgumentException("killSentinels: count = " + count + "; allowed: 1 to " + all.size()
                    + " (this topology has " + all.size() + " sentinels)");
        }
        List<NodeHandle> chosen = all.subList(0, count);
        chosen.stream().filter(s -> s.state() != NodeState.RUNNING).findFirst().ifPresent(s -> {
            throw new IllegalStateException("Cannot kill " + s.name() + ": it is " + s.state().name().toLowerCase()
                    + " already");
        });
        return List.copyOf(chosen);
    }

    /**
     * Heals every fault, restarts every node that is down, makes every data node a replica of the master the sentinels
     * agree on, clears the sentinels' failover state if a failover happened, and waits until the topology is healthy.
     */
    public void reset(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Active> open;
        synchronized (this) {
            ensureOpen();
            open = List.copyOf(active);
        }
        // Freezes and partitions heal as usual; nodes that are down are restarted below, once the master is decided.
        for (Active fault : open) {
            fault.healOrRelease();
        }
        for (NodeHandle node : nodes.allNodes()) {
            nodes.thawIfFrozen(node);
        }
        for (NodeHandle node : topology.dataNodes()) {
            if (topology.relays().isCut(node)) {
                topology.relays().restore(node);
            }
        }
        nodes.restartIfDown(topology.sentinels());
        NodeHandle master = sentinels.awaitDecidedMaster(remaining(deadline));
        nodes.restartIfDown(List.of(master), Optional.empty());
        nodes.restartIfDown(topology.dataNodes(), Optional.of(master.address()));
        nodes.align(master);
        try (SentinelTimers timers = SentinelTimers.forReset()) {
            topology.sentinels().forEach(timers::shorten);
            boolean mayHaveVoted;
            synchronized (this) {
                mayHaveVoted = sentinelsMayHaveVoted;
            }
            if (mayHaveVoted || sentinels.maxConfigEpoch() > configEpochAtReset) {
                Waits.until("the failover of '" + spec.masterName() + "' ended and every replica online on "
                        + master.name(), remaining(deadline), nodes.realigningWhile(() -> master, () -> {
                            List<String> problems = new ArrayList<>(sentinels.failoverProblems());
                            problems.addAll(nodes.replicationProblems(master));
                            return problems;
                        }));
                sentinels.resetSentinels();
            }
            Waits.until("topology '" + spec.masterName() + "' healthy after reset", remaining(deadline),
                    nodes.realigningWhile(sentinels::currentMaster, health::problems));
        }
        long epoch = sentinels.maxConfigEpoch();
        synchronized (this) {
            configEpochAtReset = epoch;
            sentinelsMayHaveVoted = false;
            masterBeforeFault = null;
        }
    }

    /**
     * Waits until a quorum of sentinels names a master other than the one the last master fault hit.
     *
     * @return the new master
     */
    public NodeHandle awaitFailover(Duration timeout) {
        NodeAddress before;
        synchronized (this) {
            before = masterBeforeFault;
        }
        if (before == null) {
            throw new IllegalStateException("awaitFailover() waits for a failover away from the master a fault hit,"
                    + " and no fault has hit the master since the topology started or was reset;"
                    + " use awaitMaster(node) to wait for a given master");
        }
        String oldName = sentinels.nodeAt(before).map(NodeHandle::name).orElse(before.toString());
        NodeAddress[] agreed = new NodeAddress[1];
        Waits.until("failover of '" + spec.masterName() + "' away from " + oldName + " agreed by a quorum of "
                + spec.effectiveQuorum() + " sentinels", timeout, () -> {
                    Map<NodeAddress, Integer> votes = sentinels.votes();
                    Optional<NodeAddress> found = votes.entrySet().stream()
                            .filter(vote -> !vote.getKey().equals(before) && vote.getValue() >= spec.effectiveQuorum())
                            .map(Map.Entry::getKey)
                            .findFirst();
                    found.ifPresent(address -> agreed[0] = address);
                    return found.isPresent() ? List.of() : List.of("sentinels name as master: " + sentinels.describe(votes));
                });
        return sentinels.nodeAt(agreed[0]).orElseThrow(() -> new SentinelDrillException("The sentinels agree on " + agreed[0]
                + " as master of '" + spec.masterName() + "', which is no node of this topology"));
    }

    /** Waits until a quorum of sentinels names {@code node} as master. */
    public void awaitMaster(NodeHandle node, Duration timeout) {
        Waits.until("a quorum of " + spec.effectiveQuorum() + " sentinels naming " + node.name() + " master of '"
                + spec.masterName() + "'", timeout, () -> {
                    Map<NodeAddress, Integer> votes = sentinels.votes();
                    return votes.getOrDefault(node.address(), 0) >= spec.effectiveQuorum() ? List.of()
                            : List.of("sentinels name as master: " + sentinels.describe(votes));
                });
    }

    /** How long the waits for a failover take at most by default: down-after, failover-timeout and a margin. */
    public Duration defaultFailoverTimeout() {
        return sentinels.defaultFailoverTimeout();
    }

    /** The data node the sentinels name as master (most answering sentinels' answer). */
    public NodeHandle currentMaster() {
        return sentinels.currentMaster();
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "sentinel-drill-faults-" + spec.masterName());
                thread.setDaemon(true);
                return thread;
            });
        }
        return timer;
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("topology '" + spec.masterName() + "' is closed");
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }

    /** Stops the timer; heals nothing, as the topology is about to be removed. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            closed = true;
            stopping = timer;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A fault in effect, and how to heal it. */
    private final class Active implements InjectedFault {
        private final Fault fault;
        private final long injectedAtNanos;
        private final List<NodeHandle> targets;
        private final Runnable heal;
        private final boolean restartsNodes;
        private ScheduledFuture<?> scheduledHeal;
        private boolean healed;

        Active(Fault fault, long injectedAtNanos, List<NodeHandle> targets, Runnable heal) {
            this.fault = fault;
            this.injectedAtNanos = injectedAtNanos;
            this.targets = targets;
            this.heal = heal;
            this.restartsNodes = switch (fault.kind()) {
                case KILL_MASTER, STOP_MASTER, KILL_REPLICA, KILL_SENTINELS -> true;
                default -> false;
            };
        }

        /** For a reset: heals a freeze or partition now; marks a fault that took nodes down healed, for the reset. */
        synchronized void healOrRelease() {
            if (restartsNodes && !healed) {
                if (scheduledHeal != null) {
                    scheduledHeal.cancel(false);
                }
                ended();
                return;
            }
            close();
        }

        synchronized void healAfter(Duration duration) {
            long delay = injectedAtNanos + duration.toNanos() - System.nanoTime();
            scheduledHeal = timer().schedule(() -> {
                try {
                    close();
                } catch (RuntimeException e) {
                    LOG.error("Could not heal {} of '{}' when its time was up: {}", fault, spec.masterName(),
                            e.toString(), e);
                }
            }, Math.max(0, delay), TimeUnit.NANOSECONDS);
        }

        /** Marks the fault healed and notes whether the sentinels may have voted meanwhile. */
        private void ended() {
            healed = true;
            boolean masterUnreachable = fault.targetsMaster() && fault.kind() != Fault.Kind.MANUAL_FAILOVER;
            boolean longEnough = System.nanoTime() - injectedAtNanos >= spec.downAfter().toNanos();
            synchronized (TopologyFaults.this) {
                active.remove(this);
                sentinelsMayHaveVoted |= masterUnreachable && longEnough;
            }
        }

        @Override
        public Fault fault() {
            return fault;
        }

        @Override
        public List<RedisNode> targets() {
            return List.copyOf(targets);
        }

        @Override
        public long injectedAtNanos() {
            return injectedAtNanos;
        }

        @Override
        public synchronized boolean isHealed() {
            return healed;
        }

        @Override
        public synchronized void close() {
            if (healed || isClosed()) {
                return;
            }
            if (scheduledHeal != null) {
                scheduledHeal.cancel(false);
            }
            heal.run();
            ended();
            LOG.info("Healed {} of '{}' after {} ms", fault, spec.masterName(),
                    (System.nanoTime() - injectedAtNanos) / 1_000_000);
        }

        @Override
        public String toString() {
            return fault + " on " + TopologyStartup.names(targets) + (healed ? ", healed" : "");
        }
    }
}
