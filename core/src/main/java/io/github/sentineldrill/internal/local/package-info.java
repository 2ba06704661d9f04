/**
 * Not API: the LOCAL backend, {@code redis-server} processes on 127.0.0.1.
 */
package io.github.sentineldrill.internal.local;
