package dln.console;

import dln.session.report.Xml;
import java.util.Locale;

/**
 * One page of the console being written: the shared frame (navigation, the read-only notice,
 * the live-update script) around a {@code <main>} that the script swaps in place when a block
 * commits. Every ledger string goes through {@link #text}: ids, names and reasons are whatever
 * a member typed.
 */
final class Html {

    /**
     * Scripts only from the console itself, no fetch elsewhere: a ledger string that slipped past
     * escaping could still run nothing and send nothing away.
     */
    static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

    private static final String STYLE = """
            body{font-family:sans-serif;color:#1a1a1a;margin:0;line-height:1.4}
            header{background:#263238;color:#eceff1;padding:.5em 16px;display:flex;gap:1.4em;align-items:center;flex-wrap:wrap}
            header a{color:#eceff1;text-decoration:none;font-weight:bold}
            header .who{margin-left:auto;font-size:.85em;opacity:.85}
            #live{font-size:.85em;padding:.1em .6em;border-radius:1em;background:#546e7a}
            #live.on{background:#2e7d32} #live.off{background:#c62828}
            main{max-width:1200px;margin:16px auto;padding:0 16px}
            h1{font-size:1.5em;margin:.2em 0 .6em} h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;margin:.4em 0 1em;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
            th{background:#f2f2f2} td.num{text-align:right;font-variant-numeric:tabular-nums}
            tbody tr:nth-child(even){background:#fafafa}
            a{color:#0d47a1} a.k{color:inherit;text-decoration:none;border-bottom:1px dotted #90a4ae}
            code,.id{font-family:monospace;font-size:.92em}
            .st{padding:0 .4em;border-radius:3px;font-size:.9em}
            .accepted,.open,.verified{background:#c8e6c9} .rejected,.declined,.disputed{background:#ffcdd2}
            .pending,.proposed,.scoring{background:#eeeeee} .expired,.closed{background:#e0e0e0;color:#555}
            .note{color:#555;font-size:.9em} .reason{color:#b71c1c}
            .chart svg{width:100%;max-width:900px;height:auto;display:block}
            .dag{overflow:auto;max-height:80vh;border:1px solid #ddd}
            pre{background:#f5f5f5;padding:.6em;overflow:auto;font-size:.85em}
            """;

    /**
     * Where the server writes the ledger change counter it read the page at, so the script knows
     * whether a change committed between the page's reads and its event stream's start.
     */
    static final String GENERATION = "data-generation=\"\"";

    private final StringBuilder s = new StringBuilder(8192);

    /** Starts a page titled {@code title}, read as {@code who}. */
    static Html page(final String title, final String who) {
        final Html h = new Html();
        h.s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(text(title)).append(" · dln console</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("<script src=\"/console.js\" defer></script>\n</head>\n<body ").append(GENERATION).append(">\n<header>")
                .append("<a href=\"/\">dln console</a><a href=\"/\">models</a><a href=\"/identities\">identities</a>")
                .append("<span id=\"live\" title=\"the page updates itself when a block commits\">connecting…</span>")
                .append("<span class=\"who\">read-only: writes nothing · reads the ledger as ").append(text(who)).append("</span>")
                .append("</header>\n<main>\n");
        return h;
    }

    /** Escapes a ledger value for HTML text and attribute values. */
    static String text(final String v) {
        return v == null ? "" : Xml.escape(v);
    }

    /** {@code value} as a link to where it was read from (a record page). */
    static String link(final String href, final String value) {
        return "<a class=\"k\" href=\"" + text(href) + "\">" + text(value) + "</a>";
    }

    /** A status word as a coloured badge (its CSS class is one of a fixed set of words). */
    static String status(final String word) {
        final String w = word == null ? "" : word.toLowerCase(Locale.ROOT);
        return "<span class=\"st " + (w.matches("[a-z]+") ? w : "") + "\">" + text(w) + "</span>";
    }

    static String num(final Double v, final int decimals) {
        return v == null ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Appends markup written by the console itself (never a ledger value). */
    Html raw(final String markup) {
        s.append(markup);
        return this;
    }

    /** Appends escaped text. */
    Html esc(final String v) {
        s.append(text(v));
        return this;
    }

    Html h1(final String title) {
        return raw("<h1>").esc(title).raw("</h1>\n");
    }

    Html h2(final String title) {
        return raw("<h2>").esc(title).raw("</h2>\n");
    }

    Html note(final String plain) {
        return raw("<p class=\"note\">").esc(plain).raw("</p>\n");
    }

    /** Starts a table with these (console-written) headers. */
    Html table(final String... headers) {
        s.append("<table>\n<thead><tr>");
        for (String h : headers) {
            s.append("<th>").append(text(h)).append("</th>");
        }
        s.append("</tr></thead>\n<tbody>\n");
        return this;
    }

    /** One row of cells already rendered (each cell escaped or built with {@link #link}). */
    Html row(final String... cells) {
        s.append("<tr>");
        for (String c : cells) {
            final boolean numeric = c != null && c.matches("[-+]?[0-9][0-9.,]*( ?(%|s|ms))?|–");
            s.append(numeric ? "<td class=\"num\">" : "<td>").append(c == null ? "" : c).append("</td>");
        }
        s.append("</tr>\n");
        return this;
    }

    Html endTable() {
        return raw("</tbody>\n</table>\n");
    }

    String end() {
        return s.append("</main>\n</body>\n</html>\n").toString();
    }
}
