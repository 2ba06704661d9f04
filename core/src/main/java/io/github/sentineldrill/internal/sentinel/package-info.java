/**
 * Not API: Sentinel topologies (a master, its replicas and their sentinels) on the shared runtime: their configs, their
 * startup and health, the sentinels' view and events, the reset after a failover, and the built-in writer.
 */
package io.github.sentineldrill.internal.sentinel;
