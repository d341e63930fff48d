package org.nuisance.app.unfolded;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.omnifold.Chi2Test;
import org.nuisance.engine.omnifold.UnfoldedResult;

/**
 * The unfolded distribution in the field's conventions: dsigma/dx as a black step histogram (at the
 * sliders' thetas) over a grey total-uncertainty band around the nominal, the prior (weight_mc) and any
 * alternative files as dashed steps, and underneath the fractional uncertainty per source as step lines
 * (each band / dsigma/dx, in %) over the shaded total. Step histograms are two points per bin.
 */
public final class UnfoldedChart {

    /** Series keys, as shown in the legend. */
    public static final String UNFOLDED = "Unfolded";
    public static final String NOMINAL = "Unfolded, \u03b8 = 0";
    public static final String BAND = "Total uncertainty";
    public static final String PRIOR = "prior";

    private static final Color[] BAND_COLORS = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
        new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
        new Color(0xBCBD22), new Color(0x17BECF), new Color(0x393B79), new Color(0xAD494A)};
    private static final Color[] ALT_COLORS = {new Color(0x2CA02C), new Color(0x9467BD), new Color(0x8C564B)};
    private static final Color PRIOR_COLOR = new Color(0xD62728);
    private static final Color BAND_FILL = new Color(0xB0B0B0);

    private final JFreeChart chart;
    private final XYPlot main;
    private final XYPlot breakdown;
    private final NumberAxis xAxis = new NumberAxis();
    private final YIntervalSeriesCollection band = new YIntervalSeriesCollection();
    private final XYSeriesCollection lines = new XYSeriesCollection();
    private final YIntervalSeriesCollection totalRel = new YIntervalSeriesCollection();
    private final XYSeriesCollection relLines = new XYSeriesCollection();
    private final XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
    private final XYLineAndShapeRenderer relRenderer = new XYLineAndShapeRenderer(true, false);
    private final CombinedDomainXYPlot combined;
    private boolean logY;
    private LegendItemCollection breakdownLegend = new LegendItemCollection();

    public UnfoldedChart() {
        DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
        bandRenderer.setSeriesFillPaint(0, BAND_FILL);
        bandRenderer.setSeriesPaint(0, BAND_FILL);
        bandRenderer.setAlpha(0.55f);
        main = new XYPlot(band, null, new NumberAxis(), bandRenderer);
        main.setDataset(1, lines);
        main.setRenderer(1, lineRenderer);
        main.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        style(main);

        DeviationRenderer totalRenderer = new DeviationRenderer(false, false);
        totalRenderer.setSeriesFillPaint(0, new Color(0xDDDDDD));
        totalRenderer.setSeriesPaint(0, new Color(0xDDDDDD));
        totalRenderer.setAlpha(1f);
        NumberAxis relAxis = new NumberAxis("Rel. uncertainty [%]");
        relAxis.setAutoRangeIncludesZero(true);
        breakdown = new XYPlot(totalRel, null, relAxis, totalRenderer);
        breakdown.setDataset(1, relLines);
        breakdown.setRenderer(1, relRenderer);
        breakdown.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        style(breakdown);

        combined = new CombinedDomainXYPlot(xAxis);
        combined.setGap(8);
        combined.add(main, 3);
        combined.add(breakdown, 2);
        chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 14), combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 10));
        // the lower panel's sources get their own legend under the x axis, so each legend belongs to one panel
        LegendTitle sources = new LegendTitle(() -> breakdownLegend);
        sources.setPosition(RectangleEdge.BOTTOM);
        sources.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        sources.setItemLabelPadding(new RectangleInsets(2, 4, 2, 10));
        sources.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(sources);
        chart.setPadding(new RectangleInsets(4, 4, 4, 18));
        xAxis.setNumberFormatOverride(new java.text.DecimalFormat("0.####"));
    }

    private static void style(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinesVisible(false);
        p.setRangeGridlinePaint(new Color(0xDDDDDD));
    }

    public JFreeChart chart() {
        return chart;
    }

    /**
     * Redraws for a result and the distribution at the sliders' thetas; call on the FX thread.
     *
     * @param observable the expression shown on x
     * @param unit       its unit ("GeV" or "")
     * @param shifted    dsigma/dx at the thetas
     * @param moved      whether any theta is away from 0 (then the nominal is drawn too)
     * @param priorChi2  chi-square of the prior against the shown distribution, or null
     */
    public void show(UnfoldedResult r, String observable, String unit, double[] shifted, boolean moved,
                     Chi2Test.Result priorChi2, boolean logY) {
        chart.setNotify(false);
        try {
            update(r, observable, unit, shifted, moved, priorChi2, logY);
        } finally {
            chart.setNotify(true);
        }
    }

    private void update(UnfoldedResult r, String observable, String unit, double[] shifted, boolean moved,
                        Chi2Test.Result priorChi2, boolean log) {
        Axis axis = r.axis();
        int nb = axis.bins();
        xAxis.setLabel(unit.isEmpty() ? observable : observable + " [" + unit + "]");
        double[] nominal = r.dsigmaDx();
        double[] total = r.total();
        double floor = log ? logFloor(nominal, r.comparisons()) : Double.NEGATIVE_INFINITY;

        band.removeAllSeries();
        YIntervalSeries b = new YIntervalSeries(BAND);
        for (int i = 0; i < nb; i++) {
            double lo = Math.max(nominal[i] - total[i], floor);
            double hi = Math.max(nominal[i] + total[i], floor);
            double y = Math.max(nominal[i], floor);
            b.add(axis.edge(i), y, lo, hi);
            b.add(axis.edge(i + 1), y, lo, hi);
        }
        band.addSeries(b);

        lines.removeAllSeries();
        LegendItemCollection legend = new LegendItemCollection();
        int k = 0;
        lines.addSeries(step(UNFOLDED, axis, shifted, floor));
        styleLine(k++, Color.BLACK, new BasicStroke(2.2f));
        legend.add(lineItem(moved ? "Unfolded, \u03b8 applied" : UNFOLDED, Color.BLACK, new BasicStroke(2.2f)));
        legend.add(new LegendItem(BAND, null, null, null, new java.awt.Rectangle(-6, -5, 12, 10), BAND_FILL));
        if (moved) {
            BasicStroke dotted = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {2f, 3f}, 0f);
            lines.addSeries(step(NOMINAL, axis, nominal, floor));
            styleLine(k++, Color.DARK_GRAY, dotted);
            legend.add(lineItem(NOMINAL, Color.DARK_GRAY, dotted));
        }
        int alt = 0;
        for (Map.Entry<String, double[]> c : r.comparisons().entrySet()) {
            boolean prior = c.getKey().equals(PRIOR);
            Color color = prior ? PRIOR_COLOR : ALT_COLORS[alt++ % ALT_COLORS.length];
            BasicStroke dashed = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    prior ? new float[] {7f, 4f} : new float[] {3f, 3f}, 0f);
            lines.addSeries(step(c.getKey(), axis, c.getValue(), floor));
            styleLine(k++, color, dashed);
            String name = prior ? "Prior (weight_mc)" : "Alternative: " + c.getKey();
            if (prior && priorChi2 != null) {
                name += String.format(Locale.ROOT, ", \u03c7\u00b2/ndf = %.2f/%d", priorChi2.chi2(), priorChi2.ndf());
            }
            legend.add(lineItem(name, color, dashed));
        }

        totalRel.removeAllSeries();
        relLines.removeAllSeries();
        double[] relTotal = r.relative("total");
        YIntervalSeries t = new YIntervalSeries("total");
        for (int i = 0; i < nb; i++) {
            t.add(axis.edge(i), 100 * relTotal[i], 0, 100 * relTotal[i]);
            t.add(axis.edge(i + 1), 100 * relTotal[i], 0, 100 * relTotal[i]);
        }
        totalRel.addSeries(t);
        LegendItemCollection lower = new LegendItemCollection();
        LegendItem heading = new LegendItem("Lower panel, uncertainty / d\u03c3/dx:", null, null, null,
                new java.awt.Rectangle(0, 0, 1, 1), Color.WHITE);
        heading.setShapeVisible(false);
        lower.add(heading);
        lower.add(new LegendItem("total", null, null, null, new java.awt.Rectangle(-6, -5, 12, 10),
                new Color(0xDDDDDD), new BasicStroke(0.5f), Color.GRAY));
        int j = 0;
        for (String name : r.uncertainties().keySet()) {
            double[] rel = r.relative(name);
            double[] pct = new double[nb];
            for (int i = 0; i < nb; i++) {
                pct[i] = 100 * rel[i];
            }
            relLines.addSeries(step(name, axis, pct, Double.NEGATIVE_INFINITY));
            Color c = BAND_COLORS[j % BAND_COLORS.length];
            relRenderer.setSeriesPaint(j, c);
            relRenderer.setSeriesStroke(j, new BasicStroke(1.6f));
            lower.add(lineItem(name, c, new BasicStroke(1.6f)));
            j++;
        }
        combined.setFixedLegendItems(legend);
        breakdownLegend = lower;
        // the lower panel's range fits its content too (the total is the largest; a line may pass it)
        double relMax = 0;
        for (double v : relTotal) {
            relMax = Math.max(relMax, finite(100 * v));
        }
        for (int line = 0; line < relLines.getSeriesCount(); line++) {
            for (int i = 0; i < relLines.getItemCount(line); i++) {
                relMax = Math.max(relMax, finite(relLines.getYValue(line, i)));
            }
        }
        if (relMax > 0) {
            breakdown.getRangeAxis().setRange(0, relMax * 1.08);
        } else {
            breakdown.getRangeAxis().setAutoRange(true);
        }

        String perUnit = unit.isEmpty() ? "fb" : "fb/" + unit;
        String yLabel = "d\u03c3/dx [" + perUnit + "]";
        if (log != logY || !(main.getRangeAxis().getLabel() != null && main.getRangeAxis().getLabel().equals(yLabel))) {
            ValueAxis y;
            if (log) {
                LogAxis la = new LogAxis(yLabel);
                la.setBase(10);
                la.setSmallestValue(floor);
                la.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
                la.setMinorTickCount(9);
                la.setMinorTickMarksVisible(true);
                la.setNumberFormatOverride(new java.text.DecimalFormat("0.####"));
                la.setAutoRange(true);
                y = la;
            } else {
                NumberAxis lin = new NumberAxis(yLabel);
                lin.setAutoRangeIncludesZero(true);
                y = lin;
            }
            main.setRangeAxis(y);
            logY = log;
        }
        if (log) {
            ((LogAxis) main.getRangeAxis()).setSmallestValue(floor);
        }
        // the range fits the content after every change: a reused axis kept 0-1 for eta_l1 (100-660 fb)
        fitRange(log, floor, nominal, shifted, total, r.comparisons().values());
        xAxis.setAutoRangeIncludesZero(false);
        xAxis.setRange(axis.lo(), axis.hi());
    }

    /** The vertical range from the finite contents: 0 (or the log floor) to 8% above the highest. */
    private void fitRange(boolean log, double floor, double[] nominal, double[] shifted, double[] total,
                          java.util.Collection<double[]> others) {
        double max = 0;
        for (int i = 0; i < nominal.length; i++) {
            double t = Double.isFinite(total[i]) ? total[i] : 0;
            max = Math.max(max, finite(nominal[i] + t));
            max = Math.max(max, finite(shifted[i]));
        }
        for (double[] c : others) {
            for (double v : c) {
                max = Math.max(max, finite(v));
            }
        }
        ValueAxis y = main.getRangeAxis();
        if (max <= 0) {
            y.setAutoRange(true);
        } else if (log) {
            y.setRange(floor, max * 2);
        } else {
            y.setRange(0, max * 1.08);
        }
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private void styleLine(int series, Paint p, Stroke s) {
        lineRenderer.setSeriesPaint(series, p);
        lineRenderer.setSeriesStroke(series, s);
    }

    private static LegendItem lineItem(String label, Paint p, Stroke s) {
        return new LegendItem(label, null, null, null, new java.awt.geom.Line2D.Double(-9, 0, 9, 0), s, p);
    }

    private static XYSeries step(String key, Axis axis, double[] values, double floor) {
        XYSeries s = new XYSeries(key, false, true);
        for (int b = 0; b < axis.bins(); b++) {
            double y = Math.max(values[b], floor);
            s.add(axis.edge(b), y);
            s.add(axis.edge(b + 1), y);
        }
        return s;
    }

    /** A factor 2 below the smallest positive value shown, and at most six decades below the largest. */
    private static double logFloor(double[] nominal, Map<String, double[]> comparisons) {
        double min = Double.MAX_VALUE;
        double max = 0;
        List<double[]> all = new ArrayList<>(comparisons.values());
        all.add(nominal);
        for (double[] v : all) {
            for (double x : v) {
                if (x > 0) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
        }
        return min == Double.MAX_VALUE ? 1e-6 : Math.max(min / 2, max * 1e-6);
    }

    /** The per-bin values of a line in the upper panel ({@link #UNFOLDED}, {@link #NOMINAL}, prior, an alternative). */
    public double[] lineValues(String key) {
        return perBin(lines.getSeries(key));
    }

    /** The total band's lower and upper edges per bin: [0] lower, [1] upper. */
    public double[][] bandValues() {
        YIntervalSeries s = band.getSeries(0);
        int nb = s.getItemCount() / 2;
        double[][] out = new double[2][nb];
        for (int b = 0; b < nb; b++) {
            out[0][b] = s.getYLowValue(2 * b);
            out[1][b] = s.getYHighValue(2 * b);
        }
        return out;
    }

    /** The bin edges of the drawn steps. */
    public double[] binEdges() {
        XYSeries s = lines.getSeries(UNFOLDED);
        int nb = s.getItemCount() / 2;
        double[] e = new double[nb + 1];
        for (int b = 0; b < nb; b++) {
            e[b] = s.getX(2 * b).doubleValue();
        }
        e[nb] = s.getX(2 * nb - 1).doubleValue();
        return e;
    }

    /** The total's fractional uncertainty in % per bin, as drawn (grey) in the lower panel. */
    public double[] relativeTotalPercent() {
        YIntervalSeries t = totalRel.getSeries(0);
        double[] out = new double[t.getItemCount() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getYValue(2 * i);
        }
        return out;
    }

    /** The lower panel's vertical range as last drawn. */
    public org.jfree.data.Range breakdownRange() {
        return breakdown.getRangeAxis().getRange();
    }

    /** A band's fractional uncertainty in % per bin, as drawn in the lower panel. */
    public double[] relativePercent(String band) {
        return perBin(relLines.getSeries(band));
    }

    /** Keys of the upper panel's lines, in drawing order. */
    public List<String> lineKeys() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.getSeriesCount(); i++) {
            out.add(lines.getSeriesKey(i).toString());
        }
        return out;
    }

    public String xLabel() {
        return xAxis.getLabel();
    }

    /** The main panel's vertical range as drawn. */
    public org.jfree.data.Range yRange() {
        return main.getRangeAxis().getRange();
    }

    public String yLabel() {
        return main.getRangeAxis().getLabel();
    }

    private static double[] perBin(XYSeries s) {
        int nb = s.getItemCount() / 2;
        double[] out = new double[nb];
        for (int b = 0; b < nb; b++) {
            out[b] = s.getY(2 * b).doubleValue();
        }
        return out;
    }
}
