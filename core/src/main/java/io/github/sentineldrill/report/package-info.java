/**
 * A drill's report files: a JSON document and a self-contained HTML page per drill, and an index page, written by
 * {@link io.github.sentineldrill.report.DrillReportWriter}. The JUnit extension writes them for every drill of a test
 * method once the method has ended, with the bounds it asserted; code without the extension calls the writer itself.
 */
package io.github.sentineldrill.report;
