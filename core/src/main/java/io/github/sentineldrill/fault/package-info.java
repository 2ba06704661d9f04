/**
 * Faults to inject into a running topology: values built by {@link io.github.sentineldrill.fault.Faults}, injected
 * with {@link io.github.sentineldrill.RedisTopology#inject} (a Sentinel topology or a Redis Cluster), healed by closing
 * the {@link io.github.sentineldrill.fault.InjectedFault} or by {@link io.github.sentineldrill.RedisTopology#reset()}.
 */
package io.github.sentineldrill.fault;
