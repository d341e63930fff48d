package org.nuisance.app.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.Histogram;
import org.nuisance.engine.hist.HistogramMath;
import org.nuisance.engine.hist.ProcessHistograms;

/**
 * The histogram plot in the field's conventions: processes at nominal as a stack of step histograms
 * (dominant background at the bottom, signal on top), the total with the sliders applied as a line,
 * pseudo-data as points with Poisson error bars, and underneath a ratio panel (shifted / nominal) with
 * the nominal's statistical band.
 */
public final class HistogramChart {

    private static final Color[] FALLBACK = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0x59A14F),
        new Color(0xB07AA1), new Color(0x76B7B2), new Color(0xEDC948)};

    private final JFreeChart chart;
    private final XYPlot main;
    private final XYPlot ratio;
    private final NumberAxis xAxis = new NumberAxis();
    private final YIntervalSeriesCollection stack = new YIntervalSeriesCollection();
    private final XYSeriesCollection shiftedLine = new XYSeriesCollection();
    private final XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    private final YIntervalSeriesCollection band = new YIntervalSeriesCollection();
    private final XYSeriesCollection ratioLine = new XYSeriesCollection();
    private final DeviationRenderer stackRenderer = new DeviationRenderer(true, false);
    private final CombinedDomainXYPlot combined;

    /** The last values plotted, for tests and export: ratio shifted / nominal per bin. */
    private double[] lastRatio = new double[0];
    private double[] lastShifted = new double[0];

    public HistogramChart() {
        NumberAxis yAxis = new NumberAxis("Events / bin");
        yAxis.setAutoRangeIncludesZero(true);
        main = new XYPlot(stack, null, yAxis, stackRenderer);
        stackRenderer.setAlpha(1f);
        main.setDataset(1, shiftedLine);
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        lineRenderer.setSeriesPaint(0, Color.BLACK);
        lineRenderer.setSeriesStroke(0, new BasicStroke(2.2f));
        main.setRenderer(1, lineRenderer);
        main.setDataset(2, data);
        XYErrorRenderer dataRenderer = new XYErrorRenderer();
        dataRenderer.setDrawXError(false);
        dataRenderer.setDefaultLinesVisible(false);
        dataRenderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        dataRenderer.setSeriesPaint(0, Color.BLACK);
        dataRenderer.setErrorPaint(Color.BLACK);
        main.setRenderer(2, dataRenderer);
        main.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        main.setBackgroundPaint(Color.WHITE);
        main.setDomainGridlinesVisible(false);
        main.setRangeGridlinePaint(new Color(0xDDDDDD));

        NumberAxis ratioAxis = new NumberAxis("Shifted / nominal");
        ratioAxis.setAutoRangeIncludesZero(false);
        ratioAxis.setAutoRangeMinimumSize(0.02);
        DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
        bandRenderer.setSeriesFillPaint(0, new Color(0x999999));
        bandRenderer.setSeriesPaint(0, new Color(0x999999));
        bandRenderer.setAlpha(0.45f);
        ratio = new XYPlot(band, null, ratioAxis, bandRenderer);
        ratio.setDataset(1, ratioLine);
        XYLineAndShapeRenderer ratioRenderer = new XYLineAndShapeRenderer(true, false);
        ratioRenderer.setSeriesPaint(0, Color.BLACK);
        ratioRenderer.setSeriesStroke(0, new BasicStroke(2f));
        ratio.setRenderer(1, ratioRenderer);
        ratio.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        ratio.addRangeMarker(new ValueMarker(1.0, Color.DARK_GRAY, new BasicStroke(0.8f)));
        ratio.setBackgroundPaint(Color.WHITE);
        ratio.setDomainGridlinesVisible(false);
        ratio.setRangeGridlinePaint(new Color(0xDDDDDD));

        combined = new CombinedDomainXYPlot(xAxis);
        combined.setGap(6);
        combined.add(main, 3);
        combined.add(ratio, 1);
        chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 14), combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        legend.setItemLabelPadding(new org.jfree.chart.ui.RectangleInsets(2, 4, 2, 12));
    }

    public JFreeChart chart() {
        return chart;
    }

    public double[] lastRatio() {
        return lastRatio.clone();
    }

    public double[] lastShiftedTotal() {
        return lastShifted.clone();
    }

    /** Replaces what is drawn; call on the FX thread. */
    public void show(HistogramResult r, String unit, boolean logY) {
        show(r, unit, logY, "Data");
    }

    /** As {@link #show(HistogramResult, String, boolean)}, naming the data points in the legend. */
    public void show(HistogramResult r, String unit, boolean logY, String dataLabel) {
        // one redraw per update, not one per series change
        chart.setNotify(false);
        try {
            update(r, unit, logY, dataLabel);
        } finally {
            chart.setNotify(true);
        }
    }

    private void update(HistogramResult r, String unit, boolean logY, String dataLabel) {
        ProcessHistograms nominal = r.nominal();
        Axis axis = nominal.axis();
        String column = nominal.column();
        xAxis.setLabel(unit.isEmpty() ? column : column + " [" + unit + "]");
        double width = axis.width(0);
        String perBin = String.format(Locale.ROOT, "%.3g", width).replaceAll("\\.?0+$", "");
        String yLabel = column.endsWith("(bin index)") ? "Events / bin"
                : "Events / " + (unit.isEmpty() ? perBin : perBin + " " + unit);

        stack.removeAllSeries();
        List<Integer> order = stackOrder(nominal);
        double[] lower = new double[axis.bins()];
        double floor = logY ? logFloor(nominal) : 0;
        java.util.Arrays.fill(lower, floor);
        List<YIntervalSeries> layers = new ArrayList<>();
        for (int p : order) {
            Histogram h = nominal.histograms().get(p);
            YIntervalSeries s = new YIntervalSeries(nominal.processes().get(p));
            double[] upper = new double[axis.bins()];
            for (int b = 0; b < axis.bins(); b++) {
                upper[b] = lower[b] + Math.max(0, h.value(b));
                double lo = Math.max(lower[b], floor);
                double hi = Math.max(upper[b], floor);
                s.add(axis.edge(b), hi, lo, hi);
                s.add(axis.edge(b + 1), hi, lo, hi);
            }
            layers.add(s);
            lower = upper;
        }
        // legend in the order the stack reads from the top: signal first
        org.jfree.chart.LegendItemCollection legendItems = new org.jfree.chart.LegendItemCollection();
        java.awt.Shape box = new java.awt.Rectangle(-6, -6, 12, 12);
        for (int k = layers.size() - 1; k >= 0; k--) {
            String name = nominal.processes().get(order.get(k));
            org.jfree.chart.LegendItem item = new org.jfree.chart.LegendItem(name, null, null, null, box,
                    color(name, order.get(k)), new BasicStroke(0.6f), color(name, order.get(k)).darker());
            legendItems.add(item);
        }
        legendItems.add(new org.jfree.chart.LegendItem("Total, sliders applied", null, null, null,
                new java.awt.geom.Line2D.Double(-8, 0, 8, 0), new BasicStroke(2.2f), Color.BLACK));
        legendItems.add(new org.jfree.chart.LegendItem(dataLabel, null, null, null,
                new Ellipse2D.Double(-3, -3, 6, 6), Color.BLACK));
        legendItems.add(new org.jfree.chart.LegendItem("Nominal MC stat. unc. (ratio)", null, null, null, box,
                new Color(0xBBBBBB)));
        combined.setFixedLegendItems(legendItems);
        for (int k = layers.size() - 1; k >= 0; k--) {
            stack.addSeries(layers.get(k));
            String name = nominal.processes().get(order.get(k));
            stackRenderer.setSeriesFillPaint(layers.size() - 1 - k, color(name, order.get(k)));
            stackRenderer.setSeriesPaint(layers.size() - 1 - k, color(name, order.get(k)).darker());
            stackRenderer.setSeriesStroke(layers.size() - 1 - k, new BasicStroke(0.6f));
        }

        Histogram shifted = r.shiftedTotal();
        Histogram nomTotal = r.nominalTotal();
        shiftedLine.removeAllSeries();
        shiftedLine.addSeries(stepSeries("Total, sliders applied", axis, shifted.values(), floor));
        data.removeAllSeries();
        XYIntervalSeries points = new XYIntervalSeries("Data");
        double[] n = r.pseudoData();
        for (int b = 0; b < axis.bins(); b++) {
            if (n[b] > 0 || !logY) {
                double err = Math.sqrt(n[b]);
                double c = axis.center(b);
                points.add(c, c, c, n[b], Math.max(n[b] - err, logY ? floor : 0), n[b] + err);
            }
        }
        data.addSeries(points);

        lastRatio = HistogramMath.ratio(shifted, nomTotal);
        lastShifted = shifted.values();
        double[] rel = HistogramMath.relativeStatError(nomTotal);
        band.removeAllSeries();
        YIntervalSeries stat = new YIntervalSeries("Nominal MC stat. unc.");
        ratioLine.removeAllSeries();
        XYSeries ratioSeries = new XYSeries("Shifted / nominal", false, true);
        for (int b = 0; b < axis.bins(); b++) {
            double e = Double.isNaN(rel[b]) ? 0 : rel[b];
            stat.add(axis.edge(b), 1, 1 - e, 1 + e);
            stat.add(axis.edge(b + 1), 1, 1 - e, 1 + e);
            double q = Double.isNaN(lastRatio[b]) ? 1 : lastRatio[b];
            ratioSeries.add(axis.edge(b), q);
            ratioSeries.add(axis.edge(b + 1), q);
        }
        band.addSeries(stat);
        ratioLine.addSeries(ratioSeries);

        ValueAxis y;
        if (logY) {
            LogAxis log = new LogAxis(yLabel);
            log.setBase(10);
            log.setSmallestValue(floor);
            log.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
            log.setNumberFormatOverride(new java.text.DecimalFormat("0.#E0"));
            log.setMinorTickCount(9);
            log.setMinorTickMarksVisible(true);
            log.setAutoRange(true);
            y = log;
        } else {
            NumberAxis lin = new NumberAxis(yLabel);
            lin.setAutoRangeIncludesZero(true);
            y = lin;
        }
        main.setRangeAxis(y);
        xAxis.setRange(axis.lo(), axis.hi());
    }

    private static XYSeries stepSeries(String name, Axis axis, double[] values, double floor) {
        XYSeries s = new XYSeries(name, false, true);
        for (int b = 0; b < axis.bins(); b++) {
            s.add(axis.edge(b), Math.max(values[b], floor));
            s.add(axis.edge(b + 1), Math.max(values[b], floor));
        }
        return s;
    }

    /** Bottom to top: backgrounds by decreasing yield, then signal. */
    static List<Integer> stackOrder(ProcessHistograms h) {
        List<Integer> bkg = new ArrayList<>();
        List<Integer> sig = new ArrayList<>();
        for (int p = 0; p < h.processes().size(); p++) {
            (EventTable.isSignalProcess(h.processes().get(p)) ? sig : bkg).add(p);
        }
        bkg.sort((a, b) -> Double.compare(h.histograms().get(b).total(), h.histograms().get(a).total()));
        bkg.addAll(sig);
        return bkg;
    }

    private static double logFloor(ProcessHistograms h) {
        double min = Double.MAX_VALUE;
        for (Histogram x : h.histograms()) {
            for (double v : x.values()) {
                if (v > 0) {
                    min = Math.min(min, v);
                }
            }
        }
        double max = h.total().values().length == 0 ? 1 : java.util.Arrays.stream(h.total().values()).max().orElse(1);
        // show about six decades below the tallest bin, and never more than a factor 2 below the smallest
        return min == Double.MAX_VALUE ? 0.1 : Math.max(min / 2, max * 1e-6);
    }

    static Color color(String process, int index) {
        return switch (process) {
            case "ztautau" -> new Color(0x6BAED6);
            case "ttbar" -> new Color(0xFDAE6B);
            case "diboson" -> new Color(0x74C476);
            case "htautau", "s", "signal" -> new Color(0xE15759);
            case "b", "background" -> new Color(0x6BAED6);
            default -> FALLBACK[index % FALLBACK.length];
        };
    }
}
