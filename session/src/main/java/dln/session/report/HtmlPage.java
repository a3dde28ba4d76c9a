package dln.session.report;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Assembles the single self-contained page: inline CSS, the two inline SVGs, tables and notes.
 * The Content-Security-Policy forbids every fetch and every script, so the page provably works
 * offline and cannot phone home even if a ledger string slipped past escaping.
 */
final class HtmlPage {
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private static final String STYLE = """
            body{font-family:sans-serif;color:#1a1a1a;margin:24px auto;max-width:1100px;padding:0 16px;line-height:1.4}
            h1{font-size:1.6em;margin:0 0 .6em}
            h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            table{border-collapse:collapse;margin:.4em 0 1em;font-size:.92em}
            caption{text-align:left;font-weight:bold;padding:.3em 0}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}
            th{background:#f2f2f2}
            th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}
            tbody tr:nth-child(even){background:#fafafa}
            figure{margin:0}
            figcaption{color:#555;font-size:.9em;margin:.3em 0}
            .chart svg{width:100%;height:auto;max-width:960px;display:block}
            .dag{overflow:auto;max-height:80vh;border:1px solid #ddd}
            .dag svg{display:block}
            .legend{list-style:none;padding:0;margin:.3em 0;font-size:.9em}
            .legend li{display:inline-block;margin-right:1.2em}
            .swatch{display:inline-block;width:.9em;height:.9em;border:1.5px solid;border-radius:2px;vertical-align:-.1em;margin-right:.35em}
            .notes p{white-space:pre-wrap}
            """;

    String page(ReportModel model, String chartSvg, String dagSvg) {
        StringBuilder s = new StringBuilder(4096 + length(chartSvg) + length(dagSvg));
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Xml.escape(model.title())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(Xml.escape(model.title())).append("</h1>\n");

        for (SummaryTable t : model.tables()) table(s, t);

        if (chartSvg != null) {
            // A session's chart also carries gossip steps and baseline epochs: the heading must not say "round" alone.
            boolean rounds = ReportModel.ROUNDS.equals(model.xAxis());
            s.append("<h2>Accuracy per ").append(rounds ? "round" : "step").append("</h2>\n<figure class=\"chart\" id=\"accuracy\">\n")
                    .append(chartSvg).append("\n<figcaption>Test accuracy of each configuration after each ")
                    .append(rounds ? "round" : "step (x axis: " + Xml.escape(model.xAxis()) + ")");
            if (!model.references().isEmpty()) s.append("; dashed: reference (centralised training on the same data)");
            s.append(".</figcaption>\n</figure>\n");
        }

        if (dagSvg != null) {
            s.append("<h2>Update DAG</h2>\n<figure id=\"dag\">\n<figcaption>").append(Xml.escape(dagCaption(model.dag())))
                    .append(" Left to right by descent; each box shows the provider and the committee's score (hover for details).</figcaption>\n");
            legend(s, model.dag());
            s.append("<div class=\"dag\">\n").append(dagSvg).append("\n</div>\n</figure>\n");
        }

        if (!model.notes().isEmpty()) {
            s.append("<h2>Notes</h2>\n<div class=\"notes\">\n");
            for (String note : model.notes()) s.append("<p>").append(Xml.escape(note)).append("</p>\n");
            s.append("</div>\n");
        }
        return s.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder s, SummaryTable t) {
        s.append("<table>\n");
        if (!t.caption().isEmpty()) s.append("<caption>").append(Xml.escape(t.caption())).append("</caption>\n");
        boolean[] numeric = numericColumns(t);
        s.append("<thead><tr>");
        for (int i = 0; i < t.header().size(); i++) s.append(cell("th", numeric[i], t.header().get(i)));
        s.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            s.append("<tr>");
            for (int i = 0; i < row.size(); i++) s.append(cell("td", numeric[i], row.get(i)));
            s.append("</tr>\n");
        }
        s.append("</tbody>\n</table>\n");
    }

    private static String cell(String tag, boolean numeric, String text) {
        return "<" + tag + (numeric ? " class=\"num\"" : "") + ">" + Xml.escape(text) + "</" + tag + ">";
    }

    /**
     * A column is numeric when every non-empty cell is a number, with an optional unit ("97.50%",
     * "1.2 s"): such columns, header included, are right-aligned so digits line up by place.
     */
    static boolean[] numericColumns(SummaryTable t) {
        boolean[] numeric = new boolean[t.header().size()];
        for (int i = 0; i < numeric.length; i++) {
            boolean any = false;
            boolean all = true;
            for (List<String> row : t.rows()) {
                String cell = row.get(i).strip();
                if (cell.isEmpty()) continue;
                any = true;
                all &= NUMBER.matcher(cell).matches();
            }
            numeric[i] = any && all;
        }
        return numeric;
    }

    private static final Pattern NUMBER = Pattern.compile("[-+\u2212]?(\\d[\\d,]*(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?\\s?(%|[a-zA-Z]{1,3})?");

    /** Only the states the picture shows: a legend entry with no box to match only puzzles the reader. */
    private static void legend(StringBuilder s, Dag dag) {
        EnumSet<NodeStatus> present = EnumSet.noneOf(NodeStatus.class);
        dag.nodes().forEach(n -> present.add(n.status()));
        s.append("<ul class=\"legend\">");
        for (NodeStatus st : present) {
            DagSvg.Colours c = DagSvg.colours(st);
            s.append("<li><span class=\"swatch\" style=\"background:").append(c.fill()).append(";border-color:")
                    .append(c.stroke()).append("\"></span>").append(st.word()).append("</li>");
        }
        s.append("</ul>\n");
    }

    private static String dagCaption(Dag dag) {
        Map<NodeStatus, Integer> counts = new TreeMap<>();
        dag.nodes().forEach(n -> counts.merge(n.status(), 1, Integer::sum));
        StringBuilder c = new StringBuilder().append(dag.nodes().size()).append(" model states, ")
                .append(dag.edges().size()).append(" parent links");
        counts.forEach((st, k) -> c.append(", ").append(k).append(' ').append(st.word()));
        return c.append('.').toString();
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
