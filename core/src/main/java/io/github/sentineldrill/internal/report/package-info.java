/**
 * Internal: what a drill leaves behind (the JSON file, the HTML page with its SVG timeline, the index page, the
 * bounds a test asserted). Not API; the JSON schema is documented in {@code docs/reports.md}.
 */
package io.github.sentineldrill.internal.report;
