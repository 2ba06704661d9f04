/**
 * Faults to inject into a running topology: values built by {@link io.github.sentineldrill.fault.Faults}, injected
 * with {@link io.github.sentineldrill.SentinelCluster#inject}, healed by closing the
 * {@link io.github.sentineldrill.fault.InjectedFault} or by {@link io.github.sentineldrill.SentinelCluster#reset()}.
 */
package io.github.sentineldrill.fault;
