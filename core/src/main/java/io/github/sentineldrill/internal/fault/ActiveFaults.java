package io.github.sentineldrill.internal.fault;

import io.github.sentineldrill.RedisNode;
import io.github.sentineldrill.fault.Fault;
import io.github.sentineldrill.fault.InjectedFault;
import io.github.sentineldrill.internal.node.NodeHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The faults in effect on one topology, and the one lock that serializes every change of its nodes.
 *
 * <p>The concurrency model: injecting a fault, healing it (by closing its handle, by its timer when its time is up,
 * or by a reset) and resetting the topology each hold {@link #lock()} while they change nodes, so they happen one
 * after another and never see each other half done. What a fault waits for before it acts (its master's links to
 * settle) is waited for before the lock is taken, so a timed heal is never held up by it. A handle's state is changed
 * under the same lock, so there is no lock order to get wrong. Reads take no lock and never wait for a change: who is
 * master, health checks, a drill's probes, and the state kept here ({@link #masterHit()},
 * {@link #detectorsMayHaveActed()}, {@link InjectedFault#isHealed()}), which is published through volatile fields and
 * a copy-on-write list.
 */
public final class ActiveFaults implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveFaults.class);

    private final FaultScene scene;
    private final Duration failureDetection;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Active> active = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;
    /** The master a fault hit since the start or the last reset, for {@code awaitFailover()}; null if none. */
    private volatile NodeHandle masterHit;
    /** Whether a fault kept a master from its peers for the failure detection time or longer since the last reset. */
    private volatile boolean detectorsMayHaveActed;
    private boolean closed;

    /**
     * @param failureDetection how long a master must be unreachable before the topology may act on it (down-after,
     *                         node-timeout)
     */
    public ActiveFaults(FaultScene scene, Duration failureDetection) {
        this.scene = scene;
        this.failureDetection = failureDetection;
    }

    /** The topology's lock: held by every change of its nodes. */
    public ReentrantLock lock() {
        return lock;
    }

    /**
     * Injects {@code fault} now; returns once it is in effect.
     *
     * @throws IllegalArgumentException when it is not a fault of {@code Faults}, or does not fit the topology
     * @throws IllegalStateException    when its target is down or frozen already, or the topology is closed
     */
    public InjectedFault inject(Fault fault) {
        if (!(fault instanceof FaultAction action)) {
            throw new IllegalArgumentException(fault + " (" + fault.getClass().getName() + ") is not a fault Sentinel"
                    + " Drill can inject: build faults with io.github.sentineldrill.fault.Faults");
        }
        for (NodeHandle node : action.settleFirst(scene)) {
            scene.awaitSettledLinks(node);
        }
        lock.lock();
        try {
            ensureOpen();
            long at = System.nanoTime();
            Injection injection = action.inject(scene);
            Active injected = new Active(fault, at, injection);
            active.add(injected);
            if (injection.masterHit() != null) {
                masterHit = injection.masterHit();
            }
            fault.duration().ifPresent(injected::healAfter);
            LOG.info("Injected {} into '{}': {}", fault, scene.name(), names(injection.targets()));
            return injected;
        } finally {
            lock.unlock();
        }
    }

    /**
     * For a reset, with the lock held: marks every fault in effect healed without undoing it (the reset repairs every
     * node itself, in the order the topology needs), and cancels the timed heals.
     */
    public void releaseAll() {
        requireLock();
        for (Active fault : List.copyOf(active)) {
            fault.release();
        }
    }

    /** The master a fault hit since the start or the last reset. */
    public Optional<NodeHandle> masterHit() {
        return Optional.ofNullable(masterHit);
    }

    /**
     * Whether, since the last reset, a fault kept a master from its peers long enough for them to act: they may have
     * started a failover that did not complete, which holds back the next one as a completed one does.
     */
    public boolean detectorsMayHaveActed() {
        return detectorsMayHaveActed || active.stream().anyMatch(Active::masterUnreachableLongEnough);
    }

    /** After a reset, with the lock held: forgets the master that was hit and what the detectors may have done. */
    public void resetDone() {
        requireLock();
        masterHit = null;
        detectorsMayHaveActed = false;
    }

    private void requireLock() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("the topology's lock is not held");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("topology '" + scene.name() + "' is closed");
        }
    }

    private ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "sentinel-drill-faults-" + scene.name());
                thread.setDaemon(true);
                return thread;
            });
        }
        return timer;
    }

    /** Stops the timer; heals nothing, as the topology is about to be removed. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        lock.lock();
        try {
            closed = true;
            stopping = timer;
        } finally {
            lock.unlock();
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

    private static String names(List<NodeHandle> nodes) {
        return String.join(", ", nodes.stream().map(NodeHandle::name).toList());
    }

    /** A fault in effect, and how to heal it; its state is changed under the topology's lock. */
    private final class Active implements InjectedFault {
        private final Fault fault;
        private final long injectedAtNanos;
        private final Injection injection;
        private ScheduledFuture<?> scheduledHeal;
        private volatile boolean healed;

        Active(Fault fault, long injectedAtNanos, Injection injection) {
            this.fault = fault;
            this.injectedAtNanos = injectedAtNanos;
            this.injection = injection;
        }

        void healAfter(Duration duration) {
            long delay = injectedAtNanos + duration.toNanos() - System.nanoTime();
            scheduledHeal = timer().schedule(() -> {
                try {
                    close();
                } catch (RuntimeException e) {
                    LOG.error("Could not heal {} of '{}' when its time was up: {}", fault, scene.name(),
                            e.toString(), e);
                }
            }, Math.max(0, delay), TimeUnit.NANOSECONDS);
        }

        boolean masterUnreachableLongEnough() {
            return injection.masterUnreachable()
                    && System.nanoTime() - injectedAtNanos >= failureDetection.toNanos();
        }

        /** Marks the fault healed, with the lock held, and notes whether the detectors may have acted meanwhile. */
        private void ended() {
            detectorsMayHaveActed |= masterUnreachableLongEnough();
            healed = true;
            active.remove(this);
            if (scheduledHeal != null) {
                scheduledHeal.cancel(false);
            }
        }

        void release() {
            if (!healed) {
                ended();
            }
        }

        @Override
        public Fault fault() {
            return fault;
        }

        @Override
        public List<RedisNode> targets() {
            return List.copyOf(injection.targets());
        }

        @Override
        public long injectedAtNanos() {
            return injectedAtNanos;
        }

        @Override
        public boolean isHealed() {
            return healed;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (healed || closed) {
                    return;
                }
                injection.heal().run();
                ended();
            } finally {
                lock.unlock();
            }
            LOG.info("Healed {} of '{}' after {} ms", fault, scene.name(),
                    (System.nanoTime() - injectedAtNanos) / 1_000_000);
        }

        @Override
        public String toString() {
            return fault + " on " + names(injection.targets()) + (healed ? ", healed" : "");
        }
    }
}
