package io.github.sentineldrill.internal.report;
import java.time.Instant; import java.util.List;
public final class IndexPage { public static String render(List<IndexEntry> e, Instant t) { return "<html>" + e + "</html>"; } }
