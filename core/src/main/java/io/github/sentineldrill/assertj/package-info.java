/**
 * AssertJ assertions on drill reports: {@link io.github.sentineldrill.assertj.DrillAssertions#assertThat}. Needs
 * {@code assertj-core} on the test classpath (an optional dependency of this library).
 */
package io.github.sentineldrill.assertj;
