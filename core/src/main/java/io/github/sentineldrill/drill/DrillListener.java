package io.github.sentineldrill.drill;

/**
 * Told about every drill a topology runs that got as far as injecting its fault, once it has finished, whether its
 * client recovered or not and whether it then throws: the place to print a summary or write report files. A drill
 * that fails before the injection (its load could not write, the fault was refused) has measured nothing and tells no
 * listener. The JUnit extension registers one per test method; code without the extension registers its own with
 * {@code cluster.addDrillListener(listener)}.
 *
 * <p>A listener runs on the thread that ran the drill, before {@code run()} returns or throws. What it throws is
 * logged and does not change the drill's result.
 */
@FunctionalInterface
public interface DrillListener {

    /** A drill has finished; bounds asserted on {@code report} later are added to it as they are asserted. */
    void drillFinished(FailoverReport report);

    /** A registered listener; closing it stops the notifications. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
