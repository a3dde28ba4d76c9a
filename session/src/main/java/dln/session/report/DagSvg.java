package dln.session.report;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns ELK's computed coordinates into an inline SVG. Hand-written by necessity: ELK computes
 * layouts but emits no drawing, so the elements below only transcribe its boxes and routes,
 * nothing here decides a position.
 */
public final class DagSvg {
    /**
     * Fill and stroke per status: accepted green, rejected red, pending grey, initial blue,
     * aggregate purple. Initial and aggregate differ because a gossip start drawn from a federated
     * aggregate sits right beside it, and one swatch for both made the legend ambiguous.
     */
    public record Colours(String fill, String stroke) {
    }

    private static final Map<NodeStatus, Colours> COLOURS = new EnumMap<>(Map.of(
            NodeStatus.ACCEPTED, new Colours("#b9e4bc", "#2e7d32"),
            NodeStatus.REJECTED, new Colours("#f4b4b4", "#c62828"),
            NodeStatus.PENDING, new Colours("#e4e4e4", "#757575"),
            NodeStatus.INITIAL, new Colours("#b3d4f5", "#1565c0"),
            NodeStatus.AGGREGATE, new Colours("#d9c8f0", "#6a3d9a")));

    private final String idPrefix;

    /** @param idPrefix prefix for the SVG's element ids, so two inline SVGs in one page never share an id */
    public DagSvg(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    public static Colours colours(NodeStatus status) {
        return COLOURS.get(status);
    }

    public String svg(DagPicture picture) {
        StringBuilder s = new StringBuilder(256 + 400 * picture.nodes().size());
        String w = num(Math.ceil(picture.width()));
        String h = num(Math.ceil(picture.height()));
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(idPrefix).append("svg\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" font-family=\"sans-serif\" font-size=\"").append(DagLayout.FONT_SIZE).append("\">\n");
        s.append("<defs><marker id=\"").append(idPrefix).append("arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
                .append(" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#666\"/></marker></defs>\n");

        s.append("<g class=\"edges\" fill=\"none\" stroke=\"#888\" stroke-width=\"1.2\">\n");
        Map<String, NodeStatus> statusById = new java.util.HashMap<>();
        picture.nodes().forEach(n -> statusById.put(n.node().id(), n.node().status()));
        for (DagPicture.RoutedEdge e : picture.edges()) {
            List<DagPicture.Point> pts = e.points();
            if (pts.isEmpty()) continue;
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < pts.size(); i++) {
                d.append(i == 0 ? "M" : " L").append(num(pts.get(i).x())).append(',').append(num(pts.get(i).y()));
            }
            // Edges into rejected updates are dashed: the contribution was made but went nowhere.
            boolean toRejected = statusById.get(e.edge().child()) == NodeStatus.REJECTED;
            s.append("<path class=\"edge\" d=\"").append(d).append("\" marker-end=\"url(#").append(idPrefix).append("arrow)\"")
                    .append(toRejected ? " stroke-dasharray=\"4 3\"" : "")
                    .append("><title>").append(Xml.escape(e.edge().parent() + " \u2192 " + e.edge().child())).append("</title></path>\n");
        }
        s.append("</g>\n<g class=\"nodes\">\n");
        for (DagPicture.PlacedNode n : picture.nodes()) {
            DagNode node = n.node();
            Colours c = COLOURS.get(node.status());
            s.append("<g class=\"node ").append(node.status().word()).append("\"><title>").append(Xml.escape(tooltip(node))).append("</title>");
            s.append("<rect x=\"").append(num(n.x())).append("\" y=\"").append(num(n.y()))
                    .append("\" width=\"").append(num(n.width())).append("\" height=\"").append(num(n.height()))
                    .append("\" rx=\"").append(node.status() == NodeStatus.AGGREGATE || node.status() == NodeStatus.INITIAL ? "12" : "4")
                    .append("\" fill=\"").append(c.fill()).append("\" stroke=\"").append(c.stroke()).append("\" stroke-width=\"1.5\"/>");
            double cx = n.x() + n.width() / 2;
            double top = n.y() + (n.height() - n.lines().size() * DagLayout.LINE_HEIGHT) / 2;
            for (int i = 0; i < n.lines().size(); i++) {
                s.append("<text x=\"").append(num(cx)).append("\" y=\"").append(num(top + (i + 0.78) * DagLayout.LINE_HEIGHT))
                        .append("\" text-anchor=\"middle\"").append(i == 0 ? " font-weight=\"bold\"" : "").append(" fill=\"#1a1a1a\">")
                        .append(Xml.escape(n.lines().get(i))).append("</text>");
            }
            s.append("</g>\n");
        }
        s.append("</g>\n</svg>");
        return s.toString();
    }

    private static String tooltip(DagNode n) {
        return n.label() + (n.detail() != null ? "\n" + n.detail() : "") + "\n" + n.id() + "\n" + n.status().word()
                + (n.score() != null ? String.format(Locale.ROOT, ", score %.4f", n.score()) : "")
                + (n.round() != null ? ", round " + n.round() : ", gossip")
                + "\n" + Instant.ofEpochMilli(n.timeMillis());
    }

    private static String num(double v) {
        // Locale.ROOT: a decimal comma in a coordinate would silently break the picture.
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
