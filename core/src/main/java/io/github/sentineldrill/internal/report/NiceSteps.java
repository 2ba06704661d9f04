package io.github.sentineldrill.internal.report;

/** Round steps (1, 2, 5 times a power of ten) for axes and buckets. */
final class NiceSteps {

    private NiceSteps() {
    }

    /** The smallest round step, at least 1, that divides {@code span} into at most {@code maxSteps} steps. */
    static long atMost(double span, int maxSteps) {
        if (!Double.isFinite(span) || span < 0 || maxSteps < 1) {
            throw new IllegalArgumentException("span = " + span + ", maxSteps = " + maxSteps
                    + "; allowed: a finite span of at least 0 and at least 1 step");
        }
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
