/** Not API: a node of a topology as the runtime sees it: its identity, addresses, role and state. */
package io.github.sentineldrill.internal.node;
