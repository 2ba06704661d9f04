/**
 * Not API: a small blocking RESP2 client for the runtime's own probes, commands and event subscriptions. It is
 * independent of any client library (and of Netty), has a hard timeout on every call, and blocks the calling thread
 * (a subscription reads on one thread of its own), so what a probe sees is what the node did.
 */
package io.github.sentineldrill.internal.resp;
