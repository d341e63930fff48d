package org.nuisance.app.grid;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockContainer;
import org.jfree.chart.block.ColumnArrangement;
import org.jfree.chart.block.FlowArrangement;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.chart.title.CompositeTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.VerticalAlignment;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nuisance.app.plots.ChartStyle;
import org.nuisance.engine.workbench.PublishedSource;
import org.nuisance.engine.workbench.PublishedSources;

/**
 * The exclusion plane: signal points at their two mass values, coloured by observed CLs (a colour bar
 * beside), those not yet computed as grey rings; the observed (red) and expected (black dashed) 95% CL
 * contours and the expected +-1 sigma lines (yellow) from the engine; an ATLAS-style label with the
 * analysis named by the record.
 */
final class GridChart {

    static final Color OBSERVED = new Color(0xD62728);
    static final Color EXPECTED = Color.BLACK;
    static final Color BAND = new Color(0xE6B800);
    private static final Stroke OBS_STROKE = new BasicStroke(2.6f);
    private static final Stroke EXP_STROKE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {7f, 4f}, 0f);
    private static final Stroke BAND_STROKE = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {3f, 3f}, 0f);

    private final XYPlot plot;
    private final JFreeChart chart;
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final List<String> pendingNames = new ArrayList<>();
    private final List<String> computedNames = new ArrayList<>();
    private final XYLineAndShapeRenderer contourRenderer = new XYLineAndShapeRenderer(true, false);

    GridChart() {
        xAxis.setAutoRangeIncludesZero(false);
        yAxis.setAutoRangeIncludesZero(false);
        // room above the points for the experiment label, as ATLAS plots leave it
        yAxis.setUpperMargin(0.3);
        XYLineAndShapeRenderer pending = new XYLineAndShapeRenderer(false, true);
        pending.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        pending.setSeriesPaint(0, new Color(0x999999));
        pending.setUseFillPaint(true);
        pending.setSeriesFillPaint(0, Color.WHITE);
        pending.setDrawOutlines(true);
        pending.setUseOutlinePaint(false);
        pending.setDefaultToolTipGenerator((d, s, i) -> pendingNames.get(i) + " (not computed)");
        XYShapeRenderer computed = new XYShapeRenderer();
        computed.setPaintScale(new ClsScale());
        computed.setDefaultShape(new Rectangle2D.Double(-5, -5, 10, 10));
        computed.setDrawOutlines(true);
        computed.setDefaultOutlinePaint(new Color(0x555555));
        computed.setDefaultToolTipGenerator((d, s, i) -> String.format(java.util.Locale.ROOT, "%s  CLs obs %.4g",
                computedNames.get(i), ((org.jfree.data.xy.XYZDataset) d).getZValue(s, i)));
        plot = new XYPlot(new XYSeriesCollection(), xAxis, yAxis, pending);
        plot.setDataset(1, new DefaultXYZDataset());
        plot.setRenderer(1, computed);
        plot.setDataset(2, new XYSeriesCollection());
        plot.setRenderer(2, contourRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(line("Observed limit (95% CL)", OBS_STROKE, OBSERVED));
        legend.add(line("Expected limit (95% CL)", EXP_STROKE, EXPECTED));
        legend.add(line("Expected \u00b11\u03c3", BAND_STROKE, BAND));
        plot.setFixedLegendItems(legend);
        chart = ChartStyle.chart(null, plot, true);
        chart.getLegend().setItemLabelPadding(new RectangleInsets(2, 4, 2, 18));
        NumberAxis scaleAxis = new NumberAxis("CLs (observed)");
        scaleAxis.setRange(0, 1);
        PaintScaleLegend bar = new PaintScaleLegend(new ClsScale(), scaleAxis);
        bar.setPosition(RectangleEdge.RIGHT);
        bar.setMargin(new RectangleInsets(10, 6, 40, 6));
        bar.setStripWidth(14);
        bar.setSubdivisionCount(200);
        bar.setAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
        chart.addSubtitle(bar);
    }

    private static LegendItem line(String label, Stroke stroke, Paint paint) {
        Shape l = new Line2D.Double(-12, 0, 12, 0);
        LegendItem item = new LegendItem(label, null, null, null, l, stroke, paint);
        return item;
    }

    JFreeChart chart() {
        return chart;
    }

    /** The name of the point at (series, item) of dataset index, or null (a contour). */
    String pointAt(int dataset, int item) {
        if (dataset == 0 && item < pendingNames.size()) {
            return pendingNames.get(item);
        }
        if (dataset == 1 && item < computedNames.size()) {
            return computedNames.get(item);
        }
        return null;
    }

    int contourSeries() {
        return ((XYSeriesCollection) plot.getDataset(2)).getSeriesCount();
    }

    /** Draws a plane of a source; slice names the value held fixed. Call on the FX thread. */
    void show(PublishedSource source, PublishedSources.Plane p) {
        chart.setNotify(false);
        try {
            int x = p.x();
            int y = p.y();
            xAxis.setLabel(source.labels().get(x));
            yAxis.setLabel(source.labels().get(y));
            java.util.Set<String> done = new java.util.HashSet<>();
            computedNames.clear();
            double[][] xyz = new double[3][p.computed().size()];
            for (int k = 0; k < p.computed().size(); k++) {
                PublishedSources.Computed c = p.computed().get(k);
                done.add(c.name());
                computedNames.add(c.name());
                xyz[0][k] = c.values()[x];
                xyz[1][k] = c.values()[y];
                xyz[2][k] = c.clsObs();
            }
            DefaultXYZDataset z = new DefaultXYZDataset();
            z.addSeries("computed", xyz);
            plot.setDataset(1, z);
            XYSeries pend = new XYSeries("pending", false, true);
            pendingNames.clear();
            for (PublishedSources.Point pt : p.points()) {
                if (!done.contains(pt.name())) {
                    pendingNames.add(pt.name());
                    pend.add(pt.values()[x], pt.values()[y]);
                }
            }
            plot.setDataset(0, new XYSeriesCollection(pend));
            XYSeriesCollection lines = new XYSeriesCollection();
            add(lines, "band-", p.expectedMinus1(), BAND_STROKE, BAND);
            add(lines, "band+", p.expectedPlus1(), BAND_STROKE, BAND);
            add(lines, "exp", p.expected(), EXP_STROKE, EXPECTED);
            add(lines, "obs", p.observed(), OBS_STROKE, OBSERVED);
            plot.setDataset(2, lines);
            plot.clearAnnotations();
            plot.addAnnotation(label(source, p));
        } finally {
            chart.setNotify(true);
        }
    }

    private void add(XYSeriesCollection lines, String key, List<List<double[]>> polylines, Stroke stroke, Paint paint) {
        for (List<double[]> pl : polylines) {
            XYSeries s = new XYSeries(key + lines.getSeriesCount(), false, true);
            for (double[] pt : pl) {
                s.add(pt[0], pt[1]);
            }
            contourRenderer.setSeriesStroke(lines.getSeriesCount(), stroke);
            contourRenderer.setSeriesPaint(lines.getSeriesCount(), paint);
            lines.addSeries(s);
        }
    }

    /** "ATLAS" in bold italic and the analysis as the record names it; below, region, slice and what is drawn. */
    private static XYTitleAnnotation label(PublishedSource source, PublishedSources.Plane p) {
        String analysis = source.analysis() == null ? source.name() : source.analysis();
        StringBuilder second = new StringBuilder();
        int record = analysis.indexOf(", HEPData ");
        if (record > 0) {
            second.append(analysis.substring(record + 2)).append(", ");
            analysis = analysis.substring(0, record);
        }
        BlockContainer first = new BlockContainer(new FlowArrangement(HorizontalAlignment.LEFT, VerticalAlignment.CENTER,
                6, 0));
        if (analysis.startsWith("ATLAS ")) {
            first.add(new TextTitle("ATLAS", new Font(Font.SANS_SERIF, Font.BOLD | Font.ITALIC, 16)));
            analysis = analysis.substring(6);
        }
        first.add(new TextTitle(analysis, new Font(Font.SANS_SERIF, Font.PLAIN, 14)));
        if (source.region() != null) {
            second.append(source.region()).append(", ");
        }
        if (p.slice() != null) {
            String[] kv = p.slice().split("=");
            second.append(source.labels().get(Integer.parseInt(kv[0])).replace(" [GeV]", "")).append(" = ")
                    .append(kv[1]).append(" GeV, ");
        }
        String third = "asymptotic CLs (qtilde), all limits at 95% CL";
        BlockContainer all = new BlockContainer(new ColumnArrangement(HorizontalAlignment.LEFT, VerticalAlignment.TOP,
                0, 2));
        all.add(first);
        String two = second.length() > 2 ? second.substring(0, second.length() - 2) : "";
        if (!two.isEmpty()) {
            all.add(new TextTitle(two, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        }
        all.add(new TextTitle(third, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        CompositeTitle t = new CompositeTitle(all);
        t.setBackgroundPaint(new Color(255, 255, 255, 210));
        t.setPadding(new RectangleInsets(4, 6, 4, 6));
        return new XYTitleAnnotation(0.02, 0.98, t, RectangleAnchor.TOP_LEFT);
    }

    /** Viridis-like colours from CLs 0 (dark blue) to 1 (yellow). */
    static final class ClsScale implements PaintScale {

        private static final Color[] STOPS = {new Color(0x440154), new Color(0x3B528B), new Color(0x21918C),
            new Color(0x5EC962), new Color(0xFDE725)};

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            double v = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value)) * (STOPS.length - 1);
            int i = Math.min(STOPS.length - 2, (int) v);
            double f = v - i;
            Color a = STOPS[i];
            Color b = STOPS[i + 1];
            return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }
}
