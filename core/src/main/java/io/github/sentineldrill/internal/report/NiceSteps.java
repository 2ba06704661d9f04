package io.github.sentineldrill.internal.report;

/** Round steps (1, 2, 5 times a power of ten) for axes and buckets. */
final class NiceSteps {

    private NiceSteps() {
    }

    /** The smallest round step, at least 1, that divides {@code span} into at most {@code maxSteps} steps. */
    static long atMost(double span, int maxSteps) {
        for (long power = 1; ; power *= 10) {
            for (long factor : new long[] {1, 2, 5}) {
                long step = factor * power;
                if (span / step <= maxSteps) {
                    return step;
                }
            }
        }
    }
}
