/** Not API: checks of the client libraries a team's build resolves, so that an impossible mix fails early and says why. */
package io.github.sentineldrill.internal.compat;
