package io.github.sentineldrill.internal.report;
public final class HtmlReport { public static String render(DrillRecord r) { return "<html>" + r.testName() + "</html>"; } }
