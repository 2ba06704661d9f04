/**
 * Not API: the DOCKER backend, one container per node in a Docker network of its own, through Testcontainers.
 */
package io.github.sentineldrill.internal.docker;
