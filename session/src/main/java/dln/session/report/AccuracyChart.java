package dln.session.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/** Accuracy per round, one line per series, references dashed: JFreeChart drawn into JFreeSVG. */
public final class AccuracyChart {
    static final int WIDTH = 960;
    static final int HEIGHT = 520;

    // Colour-blind-safe (Okabe-Ito) so configurations stay distinguishable in print and for all readers.
    private static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)};

    private final String idPrefix;

    /** @param idPrefix prefix for the SVG's element ids, so two inline SVGs in one page never share an id */
    public AccuracyChart(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    public String svg(List<RoundPoint> points, List<ReferenceLine> references, String xAxis) {
        return svg(points, references, xAxis, "Test accuracy (%)");
    }

    /**
     * Same, with the y axis named: the console plots the committee's validation scores, which
     * are accuracies too but not on the test set.
     */
    public String svg(List<RoundPoint> points, List<ReferenceLine> references, String xAxis, String yAxis) {
        Map<String, XYSeries> bySeries = new LinkedHashMap<>();
        for (RoundPoint p : points) {
            bySeries.computeIfAbsent(p.series(), name -> new XYSeries(name, true, false)).addOrUpdate(p.round(), 100.0 * p.accuracy());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        bySeries.values().forEach(data::addSeries);

        JFreeChart chart = ChartFactory.createXYLineChart(null, xAxis, yAxis, data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        // Solid grid, so the only dashed lines on the chart are the references.
        plot.setDomainGridlineStroke(new BasicStroke(0.6f));
        plot.setRangeGridlineStroke(new BasicStroke(0.6f));

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        plot.setRenderer(renderer);

        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(false);

        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (RoundPoint p : points) {
            lo = Math.min(lo, 100 * p.accuracy());
            hi = Math.max(hi, 100 * p.accuracy());
        }
        for (ReferenceLine r : references) {
            ValueMarker marker = new ValueMarker(100.0 * r.accuracy(), new Color(0x444444),
                    new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{7f, 5f}, 0f));
            marker.setLabel(String.format(java.util.Locale.ROOT, "%s %.2f%%", r.label(), 100.0 * r.accuracy()));
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 210));
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(marker);
            lo = Math.min(lo, 100 * r.accuracy());
            hi = Math.max(hi, 100 * r.accuracy());
        }
        // Markers do not take part in auto-ranging: widen the axis by hand so the baseline is always visible.
        if (lo <= hi) {
            double pad = Math.max(0.5, (hi - lo) * 0.08);
            y.setRange(Math.max(0, lo - pad), Math.min(100, hi + pad));
        }

        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        g2.setDefsKeyPrefix(idPrefix);
        chart.draw(g2, new Rectangle(WIDTH, HEIGHT));
        // No fixed width/height, only a viewBox: the page's CSS scales the chart to the column.
        return g2.getSVGElement(idPrefix + "svg", false, new ViewBox(0, 0, WIDTH, HEIGHT), null, null);
    }
}
