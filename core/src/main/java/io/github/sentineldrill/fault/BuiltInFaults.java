package io.github.sentineldrill.fault;

import io.github.sentineldrill.internal.fault.FaultAction;
import io.github.sentineldrill.internal.fault.FaultScene;
import io.github.sentineldrill.internal.fault.Injection;
import io.github.sentineldrill.internal.node.NodeHandle;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The faults {@link Faults} builds: each a record that knows how it is injected into a {@link FaultScene} and how
 * that is healed. A fault that fits one topology kind only says so when injected into another.
 */
final class BuiltInFaults {

    private BuiltInFaults() {
    }

    /** A fault on a shard's master: it settles the master's links first, and names its shard when not 0. */
    interface OnMaster extends NodeFault, FaultAction {

        @Override
        default boolean targetsMaster() {
            return true;
        }

        @Override
        default List<NodeHandle> settleFirst(FaultScene scene) {
            return List.of(scene.master(shard()));
        }

        default NodeHandle runningMaster(FaultScene scene) {
            return scene.running(scene.master(shard()), toString());
        }
    }

    static String call(String name, String arguments, int shard) {
        return name + "(" + arguments + ")" + (shard == 0 ? "" : ".onShard(" + shard + ")");
    }

    static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    record KillMaster(int shard) implements OnMaster {
        KillMaster {
            Faults.requireShard(shard);
        }

        @Override
        public String name() {
            return "killMaster";
        }

        @Override
        public NodeFault onShard(int shard) {
            return new KillMaster(shard);
        }

        @Override
        public Injection inject(FaultScene scene) {
            NodeHandle master = runningMaster(scene);
            scene.kill(master);
            return Injection.onMaster(master, () -> scene.restartIfDown(List.of(master)));
        }

        @Override
        public String toString() {
            return call(name(), "", shard);
        }
    }

    record StopMaster(int shard) implements OnMaster {
        StopMaster {
            Faults.requireShard(shard);
        }

        @Override
        public String name() {
            return "stopMaster";
        }

        @Override
        public NodeFault onShard(int shard) {
            return new StopMaster(shard);
        }

        @Override
        public Injection inject(FaultScene scene) {
            NodeHandle master = runningMaster(scene);
            scene.stop(master);
            return Injection.onMaster(master, () -> scene.restartIfDown(List.of(master)));
        }

        @Override
        public String toString() {
            return call(name(), "", shard);
        }
    }

    record FreezeMaster(Duration length, int shard) implements OnMaster {
        FreezeMaster {
            Faults.requirePositive("duration", length);
            Faults.requireShard(shard);
        }

        @Override
        public String name() {
            return "freezeMaster";
        }

        @Override
        public Optional<Duration> duration() {
            return Optional.of(length);
        }

        @Override
        public NodeFault onShard(int shard) {
            return new FreezeMaster(length, shard);
        }

        @Override
        public Injection inject(FaultScene scene) {
            NodeHandle master = runningMaster(scene);
            scene.freeze(master);
            return Injection.onMaster(master, () -> scene.thawIfFrozen(master));
        }

        @Override
        public String toString() {
            return call(name(), millis(length), shard);
        }
    }

    record PartitionMaster(Duration length, int shard) implements OnMaster {
        PartitionMaster {
            Faults.requirePositive("duration", length);
            Faults.requireShard(shard);
        }

        @Override
        public String name() {
            return "partitionMaster";
        }

        @Override
        public Optional<Duration> duration() {
            return Optional.of(length);
        }

        @Override
        public NodeFault onShard(int shard) {
            return new PartitionMaster(length, shard);
        }

        @Override
        public Injection inject(FaultScene scene) {
            NodeHandle master = runningMaster(scene);
            scene.cut(master);
            return Injection.onMaster(master, () -> scene.restoreIfCut(master));
        }

        @Override
        public String toString() {
            return call(name(), millis(length), shard);
        }
    }

    record RestartMaster(int shard) implements OnMaster {
        RestartMaster {
            Faults.requireShard(shard);
        }

        @Override
        public String name() {
            return "restartMaster";
        }

        @Override
        public NodeFault onShard(int shard) {
            return new RestartMaster(shard);
        }

        @Override
        public Injection inject(FaultScene scene) {
            NodeHandle master = runningMaster(scene);
            scene.restartEmpty(master);
            // Back before anyone reacted: nothing to heal, and the master was not kept from its peers.
            return new Injection(List.of(master), () -> { }, master, false);
        }

        @Override
        public String toString() {
            return call(name(), "", shard);
        }
    }

    record ManualFailover(FailoverMode mode, int shard) implements OnMaster {
        ManualFailover {
            java.util.Objects.requireNonNull(mode, "mode");
            Faults.requireShard(shard);
        }

        @Override
        public String name() {
            return "manualFailover";
        }

        @Override
        public NodeFault onShard(int shard) {
            return new ManualFailover(mode, shard);
        }

        @Override
        public Injection inject(FaultScene scene) {
            NodeHandle master = runningMaster(scene);
            scene.manualFailover(shard, mode);
            return new Injection(List.of(master), () -> { }, master, false);
        }

        @Override
        public String toString() {
            return call(name(), mode == FailoverMode.DEFAULT ? "" : "FailoverMode." + mode, shard);
        }
    }

    record KillReplica(int index, int shard) implements NodeFault, FaultAction {
        KillReplica {
            if (index < 0) {
                throw new IllegalArgumentException("killReplica: index = " + index + "; allowed: 0 to replicas - 1");
            }
            Faults.requireShard(shard);
        }

        @Override
        public String name() {
            return "killReplica";
        }

        @Override
        public NodeFault onShard(int shard) {
            return new KillReplica(index, shard);
        }

        @Override
        public Injection inject(FaultScene scene) {
            List<NodeHandle> replicas = scene.replicas(shard);
            if (index >= replicas.size()) {
                throw new IllegalArgumentException("killReplica: index = " + index + "; allowed: 0 to "
                        + (replicas.size() - 1) + " (" + (scene.shards() > 1 ? "shard " + shard + " of " : "")
                        + "this topology has " + replicas.size() + " replica" + (replicas.size() == 1 ? "" : "s")
                        + ")");
            }
            NodeHandle replica = replicas.get(index);
            if (replica.state() != io.github.sentineldrill.internal.node.NodeState.RUNNING) {
                throw new IllegalStateException("Cannot kill replica " + index + " (" + replica.name() + "): it is "
                        + replica.state().describe() + " already");
            }
            scene.kill(replica);
            return Injection.onNodes(List.of(replica), () -> scene.restartIfDown(List.of(replica)));
        }

        @Override
        public String toString() {
            return call(name(), String.valueOf(index), shard);
        }
    }

    record KillSentinels(int count) implements Fault, FaultAction {
        KillSentinels {
            if (count < 1) {
                throw new IllegalArgumentException("killSentinels: count = " + count + "; allowed: 1 to sentinels");
            }
        }

        @Override
        public String name() {
            return "killSentinels";
        }

        @Override
        public Injection inject(FaultScene scene) {
            List<NodeHandle> all = scene.sentinels();
            if (all.isEmpty()) {
                throw new IllegalArgumentException(this + " fits Sentinel topologies; '" + scene.name()
                        + "' is a Redis Cluster, which has no sentinels");
            }
            if (count > all.size()) {
                throw new IllegalArgumentException("killSentinels: count = " + count + "; allowed: 1 to " + all.size()
                        + " (this topology has " + all.size() + " sentinels)");
            }
            List<NodeHandle> victims = List.copyOf(all.subList(0, count));
            victims.forEach(sentinel -> scene.running(sentinel, toString()));
            victims.forEach(scene::kill);
            return Injection.onNodes(victims, () -> scene.restartIfDown(victims));
        }

        @Override
        public String toString() {
            return name() + "(" + count + ")";
        }
    }

    record KillShard(int shard) implements Fault, FaultAction {
        KillShard {
            Faults.requireShard(shard);
        }

        @Override
        public String name() {
            return "killShard";
        }

        @Override
        public Injection inject(FaultScene scene) {
            if (scene.shards() == 1 && scene.kind() == io.github.sentineldrill.drill.TopologyKind.SENTINEL) {
                throw new IllegalArgumentException(this + " fits Redis Cluster topologies; '" + scene.name()
                        + "' is a Sentinel topology (killMaster() and killReplica(i) take its data nodes down)");
            }
            NodeHandle master = scene.master(shard);
            List<NodeHandle> nodes = new java.util.ArrayList<>(List.of(master));
            nodes.addAll(scene.replicas(shard));
            nodes.forEach(node -> scene.running(node, toString()));
            nodes.forEach(scene::kill);
            return new Injection(nodes, () -> scene.restartIfDown(nodes), master, true);
        }

        @Override
        public String toString() {
            return name() + "(" + shard + ")";
        }
    }
}
