/**
 * Not API: what every topology kind runs on. A {@link io.github.sentineldrill.internal.runtime.NodeBackend} (LOCAL
 * processes, DOCKER containers) prepares, starts and signals nodes; {@link io.github.sentineldrill.internal.runtime.TopologyNodes}
 * is the one skeleton over it: the nodes, their relays, their states, the watchdog, the probes, the checks that a
 * node still runs, and cleanup.
 */
package io.github.sentineldrill.internal.runtime;
