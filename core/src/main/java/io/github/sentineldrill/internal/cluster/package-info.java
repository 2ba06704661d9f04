/**
 * Not API: the Redis Cluster topology kind, on the runtime's {@link io.github.sentineldrill.internal.runtime.TopologyNodes}:
 * pre-seeded {@code nodes.conf} files, health, the nodes' views as events, faults and the built-in writer.
 */
package io.github.sentineldrill.internal.cluster;
