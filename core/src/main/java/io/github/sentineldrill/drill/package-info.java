/**
 * Drills: a write load, a fault, and what came of it. {@code cluster.drill().load(..).fault(..).run()} returns a
 * {@link io.github.sentineldrill.drill.FailoverReport}; definitions of every figure are on the report's methods.
 */
package io.github.sentineldrill.drill;
