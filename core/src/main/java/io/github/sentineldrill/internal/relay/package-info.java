/**
 * Internal: relays in the test JVM that carry node-to-node connections, so that a partition can cut them. Not API.
 */
package io.github.sentineldrill.internal.relay;
