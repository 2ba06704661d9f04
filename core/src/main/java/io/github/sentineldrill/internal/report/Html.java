package io.github.sentineldrill.internal.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** What the report pages share: escaping, the page frame with its Content Security Policy, number formats. */
final class Html {

    /** Refuses anything the page would load from elsewhere, so that a slip shows as a console error. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    /** Shown for a figure whose event was not seen. */
    static final String ABSENT = "\u2014";

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final String BASE_CSS = """
            :root { color-scheme: light; --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --paper: #ffffff;
              --panel: #f6f8fa; --ok: #15803d; --ok-bg: #dcfce7; --bad: #b91c1c; --bad-bg: #fee2e2;
              --warn: #b45309; --warn-bg: #fef3c7; }
            * { box-sizing: border-box; }
            body { margin: 0; padding: 24px 32px 40px; background: var(--paper); color: var(--ink);
              font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            h1 { font-size: 24px; margin: 0; overflow-wrap: anywhere; }
            h2 { font-size: 17px; margin: 28px 0 10px; }
            code, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
              font-size: 12.5px; }
            a { color: #1d4ed8; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line);
              vertical-align: baseline; }
            th { background: var(--panel); font-weight: 600; white-space: nowrap; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .muted { color: var(--muted); }
            .badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-weight: 600;
              font-size: 13px; }
            .badge.ok { background: var(--ok-bg); color: var(--ok); }
            .badge.bad { background: var(--bad-bg); color: var(--bad); }
            .badge.neutral { background: var(--panel); color: var(--muted); }
            .ok { color: var(--ok); }
            .bad { color: var(--bad); }
            footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
            @media print {
              body { padding: 0; font-size: 11px; }
              a { color: inherit; text-decoration: none; }
              tr, figure, .card { break-inside: avoid; }
            }
            """;

    private Html() {
    }

    /** Opens a self-contained page: the policy, the title and the styles, the shared ones then {@code css}. */
    static void open(StringBuilder out, String title, String css) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(CONTENT_SECURITY_POLICY).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>\n").append(BASE_CSS).append(css).append("</style>\n</head>\n<body>\n");
    }

    static void close(StringBuilder out) {
        out.append("</body>\n</html>\n");
    }

    /**
     * The text as HTML text or attribute value: markup characters escaped, and control characters that HTML does not
     * allow replaced by U+FFFD.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(allowed(c) ? c : '\uFFFD');
            }
        }
        return out.toString();
    }

    /** Such as {@code 2290 ms}, or {@link #ABSENT}. */
    static String millis(Optional<Duration> time) {
        return time.map(Html::millis).orElse(ABSENT);
    }

    /** Such as {@code 2290 ms}, or {@code absent} in words. */
    static String millis(Optional<Duration> time, String absent) {
        return time.map(Html::millis).orElse(absent);
    }

    static String millis(Duration time) {
        return millis(time.toMillis());
    }

    static String millis(long millis) {
        return String.format(Locale.ROOT, "%d ms", millis);
    }

    /** Such as {@code +1015 ms} or {@code -3 ms}: an offset from the injection. */
    static String offset(Duration offset) {
        long millis = offset.toMillis();
        return String.format(Locale.ROOT, "%s%d ms", millis >= 0 ? "+" : "", millis);
    }

    /** Such as {@code 4,503}. */
    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    static String utc(Instant instant) {
        return UTC.format(instant);
    }

    private static boolean allowed(char c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        return c >= 0x20 && (c < 0x7F || c > 0x9F) && c != '\uFFFE' && c != '\uFFFF';
    }
}
