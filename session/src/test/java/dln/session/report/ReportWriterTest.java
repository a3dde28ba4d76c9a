package dln.session.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ReportWriterTest {
    private static final String EVIL = "<script>alert('x')</script> & \"q\"";

    static ReportModel model(Dag dag) {
        return new ReportModel("Session \u00e9t\u00e9 \u2014 test",
                List.of(new SummaryTable("rounds", List.of("round", "accepted"), List.of(List.of("1", "3"), List.of("2", "2")))),
                List.of(new RoundPoint("federated", 1, 0.80), new RoundPoint("federated", 2, 0.92),
                        new RoundPoint("gossip", 1, 0.78), new RoundPoint("gossip", 2, 0.90)),
                List.of(ReferenceLine.centralised(0.95)),
                dag,
                List.of("first note", "second note"));
    }

    @Test
    void bothPicturesAreWellFormedSvgWithOneShapePerNodeAndOnePathPerEdge() throws Exception {
        Dag dag = Dags.small();
        String html = new ReportWriter().render(model(dag));
        List<Document> svgs = Svgs.parseAll(html);
        assertEquals(2, svgs.size(), "chart and DAG");

        Document chart = svgs.get(0);
        assertEquals("acc-svg", chart.getDocumentElement().getAttribute("id"));
        List<String> chartText = Svgs.elements(chart, "text").stream().map(Element::getTextContent).toList();
        assertTrue(chartText.contains("Round"), chartText::toString);
        // JFreeChart draws rotated strings through a TextLayout, which JFreeSVG receives as glyph
        // outlines: the y-axis label is a path in a group rotated by -90 degrees, not a <text>.
        assertTrue(Svgs.elements(chart, "g").stream().anyMatch(g -> g.getAttribute("transform").startsWith("matrix(0.0,-1.0,1.0,0.0")
                && g.getElementsByTagNameNS("*", "path").getLength() > 0), "rotated y-axis label");
        assertTrue(chartText.contains("federated") && chartText.contains("gossip"), "legend names both series: " + chartText);
        assertTrue(chartText.stream().anyMatch(t -> t.startsWith("centralised baseline 95.00%")), chartText::toString);
        assertTrue(Svgs.elements(chart, "path").size() + Svgs.elements(chart, "line").size() + Svgs.elements(chart, "polyline").size() >= 3,
                "two series and a reference line are drawn");
        assertEquals("0.0 0.0 960.0 520.0", chart.getDocumentElement().getAttribute("viewBox"));
        assertEquals(1, Svgs.elements(chart, "line").stream().filter(l -> l.getAttribute("style").contains("stroke-dasharray")).count(),
                "the reference line, and only it, is dashed");

        Document pic = svgs.get(1);
        assertEquals("dag-svg", pic.getDocumentElement().getAttribute("id"));
        List<Element> nodeGroups = Svgs.withClass(pic, "g", "node");
        assertEquals(dag.nodes().size(), nodeGroups.size());
        long shapes = Svgs.elements(pic, "rect").size() + Svgs.elements(pic, "circle").size();
        assertEquals(dag.nodes().size(), shapes, "one box per node");
        assertEquals(dag.edges().size(), Svgs.withClass(pic, "path", "edge").size(), "one path per edge");
    }

    @Test
    void nodesAreColouredByStatus() throws Exception {
        Document pic = Svgs.parseAll(new ReportWriter().render(model(Dags.small()))).get(1);
        assertEquals(Set.of("#b9e4bc"), fills(pic, "accepted"), "accepted green");
        assertEquals(Set.of("#f4b4b4"), fills(pic, "rejected"), "rejected red");
        assertEquals(Set.of("#e4e4e4"), fills(pic, "pending"), "pending grey");
        assertEquals(Set.of("#b3d4f5"), fills(pic, "initial"), "initial blue");
        assertEquals(Set.of("#d9c8f0"), fills(pic, "aggregate"), "aggregate purple");
    }

    @Test
    void everyStatusHasItsOwnSwatch() {
        Set<String> fills = new HashSet<>();
        for (NodeStatus st : NodeStatus.values()) {
            assertTrue(fills.add(DagSvg.colours(st).fill()), st + " shares its fill with another status");
        }
    }

    @Test
    void legendListsOnlyTheStatesTheGraphShows() {
        Dag twoStates = new Dag(List.of(new DagNode("i", "start", "initial", null, 0, 0), new DagNode("a", "alice", "accepted", 0.9, 1, 1)),
                List.of(new DagEdge("i", "a")));
        assertEquals(List.of("accepted", "initial"), legend(new ReportWriter().render(model(twoStates))), "enum order, present only");
        assertEquals(List.of("accepted", "rejected", "pending", "initial", "aggregate"), legend(new ReportWriter().render(model(Dags.small()))));
    }

    @Test
    void chartAxisSaysWhatItCounts() throws Exception {
        ReportModel base = model(Dags.small());
        String axis = "step (federated rounds, then gossip steps; baseline: epochs)";
        ReportModel m = new ReportModel(base.title(), base.tables(), base.accuracy(), base.references(), base.dag(), base.notes(), axis);
        List<String> chartText = Svgs.elements(Svgs.parseAll(new ReportWriter().render(m)).get(0), "text").stream()
                .map(Element::getTextContent).toList();
        assertTrue(chartText.contains(axis), chartText::toString);
        assertFalse(chartText.contains("Round"), "the default label is gone: " + chartText);
        String html = new ReportWriter().render(m);
        assertTrue(html.contains("<h2>Accuracy per step</h2>") && html.contains("after each step (x axis: " + axis + ")"), html);
        assertTrue(new ReportWriter().render(base).contains("<h2>Accuracy per round</h2>"), "a rounds-only chart keeps its heading");
    }

    @Test
    void aSessionReportShowsTheGossipStartsOrigin() throws Exception {
        var c = Sessions.config(4, 1, 3, 2);
        String html = new ReportWriter().render(dln.session.demo.SessionReport.model(c, Sessions.result(c, false)));
        Document pic = Svgs.parseAll(html).get(1);
        List<String> texts = Svgs.elements(pic, "text").stream().map(Element::getTextContent).toList();
        assertTrue(texts.contains("from federated round 3 aggregate"), texts::toString);
        List<String> edgeTitles = Svgs.withClass(pic, "path", "edge").stream().map(Element::getTextContent).toList();
        assertTrue(edgeTitles.contains("f3p0 \u2192 gossip/initial"), edgeTitles::toString);
        // Every column of the session table but "phase" is a number and is right-aligned.
        assertTrue(html.contains("<tr><th>phase</th><th class=\"num\">step</th><th class=\"num\">accepted</th>"), html);
        assertEquals(List.of("accepted", "rejected", "initial"), legend(html), "no pending or aggregate box in this DAG");
    }

    @Test
    void sessionReportWritesToTheFileItIsGiven(@TempDir Path dir) throws Exception {
        // What ./dln demo --report and ./dln bench session --report call, into a folder not yet made.
        var c = Sessions.config(4, 0, 2, 1);
        Path written = dln.session.demo.SessionReport.write(dir.resolve("bench-results/session-report.html"), c, Sessions.result(c, false));
        assertEquals(dir.resolve("bench-results/session-report.html").toAbsolutePath(), written);
        assertTrue(Files.readString(written).contains("4 providers (no attack)"));
    }

    @Test
    void numericColumnsAreRightAligned() {
        SummaryTable t = new SummaryTable("t", List.of("phase", "step", "test accuracy", "training", "note"),
                List.of(List.of("federated", "1", "97.50%", "12.3 s", "ok"), List.of("gossip", "12", "-0.5%", "1,234.0 ms", "")));
        ReportModel m = new ReportModel("t", List.of(t), List.of(), List.of(), Dag.empty(), List.of());
        String html = new ReportWriter().render(m);
        assertTrue(html.contains("<tr><th>phase</th><th class=\"num\">step</th><th class=\"num\">test accuracy</th>"
                + "<th class=\"num\">training</th><th>note</th></tr>"), html);
        assertTrue(html.contains("<tr><td>federated</td><td class=\"num\">1</td><td class=\"num\">97.50%</td>"
                + "<td class=\"num\">12.3 s</td><td>ok</td></tr>"), html);
        assertTrue(html.contains("<td class=\"num\">-0.5%</td><td class=\"num\">1,234.0 ms</td>"), html);
        assertTrue(html.contains("th.num,td.num{text-align:right"), "the class right-aligns");
    }

    @Test
    void nodesShowProviderAndScore() throws Exception {
        Document pic = Svgs.parseAll(new ReportWriter().render(model(Dags.small()))).get(1);
        List<String> texts = Svgs.elements(pic, "text").stream().map(Element::getTextContent).toList();
        assertTrue(texts.containsAll(List.of("alice", "0.910", "mallory", "0.070", "pending")), texts::toString);
    }

    @Test
    void svgCoordinatesAreElksCoordinates() throws Exception {
        Dag dag = Dags.small();
        DagPicture p = new DagLayout().layout(dag);
        Document pic = Svgs.parse(new DagSvg("t-").svg(p));
        List<Element> rects = Svgs.elements(pic, "rect");
        for (int i = 0; i < p.nodes().size(); i++) {
            assertEquals(p.nodes().get(i).x(), Double.parseDouble(rects.get(i).getAttribute("x")), 0.051);
            assertEquals(p.nodes().get(i).y(), Double.parseDouble(rects.get(i).getAttribute("y")), 0.051);
        }
        List<Element> paths = Svgs.withClass(pic, "path", "edge");
        for (int i = 0; i < p.edges().size(); i++) {
            Matcher m = Pattern.compile("(-?[0-9.]+),(-?[0-9.]+)").matcher(paths.get(i).getAttribute("d"));
            int k = 0;
            while (m.find()) {
                DagPicture.Point pt = p.edges().get(i).points().get(k++);
                assertEquals(pt.x(), Double.parseDouble(m.group(1)), 0.051);
                assertEquals(pt.y(), Double.parseDouble(m.group(2)), 0.051);
            }
            assertEquals(p.edges().get(i).points().size(), k);
        }
    }

    @Test
    void allTextIsEscaped() throws Exception {
        Dag dag = new Dag(List.of(new DagNode("x<1>", EVIL, "accepted", 0.5, 1, 0)), List.of());
        ReportModel m = new ReportModel(EVIL,
                List.of(new SummaryTable(EVIL, List.of(EVIL), List.of(List.of(EVIL)))),
                List.of(new RoundPoint(EVIL, 1, 0.5)), List.of(new ReferenceLine(EVIL, 0.6)), dag, List.of(EVIL, "bell\u0007"));
        String html = new ReportWriter().render(m);
        assertFalse(html.contains("<script"), "no raw markup from the model");
        assertFalse(html.contains("\u0007"), "control characters cannot reach the XML");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"));
        List<Document> svgs = Svgs.parseAll(html);
        assertEquals(2, svgs.size());
        // JFreeSVG's own escaping: the series name survives a strict XML parse intact.
        assertTrue(Svgs.elements(svgs.get(0), "text").stream().anyMatch(t -> t.getTextContent().equals(EVIL)));
        // The DAG label is shortened on the box, full in the tooltip.
        assertTrue(Svgs.elements(svgs.get(1), "title").get(0).getTextContent().startsWith(EVIL + "\nx<1>"));
    }

    @Test
    void pageIsSelfContained() {
        String html = new ReportWriter().render(model(Dags.small()));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("@import"));
        assertFalse(html.contains("@font-face"));
        // The only URLs allowed are XML namespace names, which are identifiers, never fetched.
        Matcher url = Pattern.compile("(https?:|file:|//)[^\"' )<]*").matcher(html);
        Set<String> urls = new HashSet<>();
        while (url.find()) urls.add(url.group());
        urls.removeIf(u -> u.equals("http://www.w3.org/2000/svg") || u.equals("http://www.w3.org/1999/xlink")
                || u.startsWith("http://www.jfree.org/"));
        assertEquals(Set.of(), urls);
    }

    @Test
    void emptyPartsAreLeftOut() throws Exception {
        ReportModel m = new ReportModel("nothing yet", List.of(), List.of(), List.of(), Dag.empty(), List.of());
        String html = new ReportWriter().render(m);
        assertEquals(0, Svgs.parseAll(html).size());
        assertFalse(html.contains("<h2>"));
    }

    @Test
    void writesUtf8AtomicallyAndReplacesAnOldReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/report.html");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old");
        Path written = new ReportWriter().write(model(Dags.small()), file);
        assertEquals(file.toAbsolutePath(), written);
        String back = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(back.contains("Session \u00e9t\u00e9 \u2014 test"));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(List.of(file.getFileName().toString()), listing.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }
    }

    /** The legend's entries, in order. */
    private static List<String> legend(String html) {
        Matcher ul = Pattern.compile("<ul class=\"legend\">(.*?)</ul>").matcher(html);
        assertTrue(ul.find(), "no legend");
        return Pattern.compile("</span>([a-z]+)</li>").matcher(ul.group(1)).results().map(r -> r.group(1)).toList();
    }

    private static Set<String> fills(Document pic, String status) {
        Set<String> fills = new HashSet<>();
        for (Element g : Svgs.withClass(pic, "g", status)) {
            fills.add(((Element) g.getElementsByTagNameNS("*", "rect").item(0)).getAttribute("fill"));
        }
        return fills;
    }
}
