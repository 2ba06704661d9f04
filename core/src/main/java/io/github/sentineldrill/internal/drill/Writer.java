package io.github.sentineldrill.internal.drill;

import java.util.List;

/** Makes and verifies the writes of a drill. */
public interface Writer extends AutoCloseable {

    /** Makes write {@code sequence}; throws if it was not acknowledged. */
    void write(long sequence) throws Exception;

    /** Which of {@code sequences} are on the final master, in the same order. */
    List<Boolean> present(List<Long> sequences) throws Exception;

    @Override
    void close();
}
