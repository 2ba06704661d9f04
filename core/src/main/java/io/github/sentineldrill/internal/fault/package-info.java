/**
 * Not API: how faults act on a topology. Each fault of {@link io.github.sentineldrill.fault.Faults} is a
 * {@link io.github.sentineldrill.internal.fault.FaultAction}; a topology kind offers a
 * {@link io.github.sentineldrill.internal.fault.FaultScene} to act on; {@link io.github.sentineldrill.internal.fault.ActiveFaults}
 * keeps what is in effect and heals it.
 */
package io.github.sentineldrill.internal.fault;
