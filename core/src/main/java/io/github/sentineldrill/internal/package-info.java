/**
 * Not API: the machinery behind {@link io.github.sentineldrill.SentinelCluster} and
 * {@link io.github.sentineldrill.ShardedCluster}. Anything here may change in any
 * release without notice; do not use it from outside Sentinel Drill.
 */
package io.github.sentineldrill.internal;
