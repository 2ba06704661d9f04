/** Internal: what runs a drill (the writer, the sentinels' timeline, the outcome rules). Not API. */
package io.github.sentineldrill.internal.drill;
