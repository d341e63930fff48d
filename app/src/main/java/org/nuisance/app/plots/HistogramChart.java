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
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.Histogram;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.workbench.Plot;
import org.nuisance.engine.workbench.TotalBand;

/**
 * The histogram plot in the field's conventions (mplhep / ATLAS style): processes at nominal as a stack
 * (dominant background at the bottom, signal on top) with a hatched MC-statistical band, the signal
 * again as a line, the total with the sliders applied as a line, the data as black points with Garwood
 * Poisson error bars drawn above everything, the experiment label, after a fit the post-fit total
 * uncertainty band (cross-hatched, around the post-fit expectation), and underneath a ratio panel with
 * either data / MC (points) or shifted / nominal (line), around the MC statistical band and the relative
 * total band. It only draws: every number comes with the {@link Plot}.
 */
public final class HistogramChart {

    /** What the ratio panel shows. */
    public enum RatioMode {
        DATA_OVER_MC("Data / MC"),
        SHIFTED_OVER_NOMINAL("Shifted / nominal");

        private final String title;

        RatioMode(String title) {
            this.title = title;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    /** The post-fit total band's colour in the ratio panel (under the renderer's alpha). */
    private static final Color TOTAL_BLUE = new Color(0x3B5BDB);

    private static final Color[] FALLBACK = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0x59A14F),
        new Color(0xB07AA1), new Color(0x76B7B2), new Color(0xEDC948)};

    private final JFreeChart chart;
    private final XYPlot main;
    private final XYPlot ratio;
    private final NumberAxis xAxis = new NumberAxis();
    private final YIntervalSeriesCollection stack = new YIntervalSeriesCollection();
    private final XYSeriesCollection shiftedLine = new XYSeriesCollection();
    private final YIntervalSeriesCollection mcBand = new YIntervalSeriesCollection();
    private final XYIntervalSeriesCollection ratioData = new XYIntervalSeriesCollection();
    private final org.jfree.chart.title.TextTitle experiment = new org.jfree.chart.title.TextTitle();
    private String lastDataLabel = "";
    private final XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    private final YIntervalSeriesCollection band = new YIntervalSeriesCollection();
    private final XYSeriesCollection ratioLine = new XYSeriesCollection();
    private final DeviationRenderer stackRenderer = new DeviationRenderer(true, false);
    private final CombinedDomainXYPlot combined;

    /** The last values plotted, for tests and export: ratio shifted / nominal per bin. */
    private double[] lastRatio = new double[0];
    private double[] lastShifted = new double[0];
    private double[][] lastTotalBand;
    private RatioMode lastMode = RatioMode.DATA_OVER_MC;

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
        // the MC statistical band, hatched, over the stack
        main.setDataset(3, mcBand);
        DeviationRenderer hatch = new DeviationRenderer(false, false);
        hatch.setSeriesFillPaint(0, hatchPaint());
        hatch.setSeriesPaint(0, new Color(0, 0, 0, 0));
        // the post-fit total band, hatched the other way
        hatch.setSeriesFillPaint(1, totalHatchPaint());
        hatch.setSeriesPaint(1, new Color(0, 0, 0, 0));
        hatch.setAlpha(1f);
        main.setRenderer(3, hatch);
        // the signal on its own as a line
        main.setDataset(4, signalLine);
        XYLineAndShapeRenderer sigRenderer = new XYLineAndShapeRenderer(true, false);
        sigRenderer.setSeriesPaint(0, new Color(0xC0392B));
        sigRenderer.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {6, 4}, 0));
        main.setRenderer(4, sigRenderer);
        // datasets are drawn in index order: the stack first, the data (index 2) after the lines...
        main.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        // ...and the data last of all, above the band and the signal line
        main.setDataset(5, data);
        main.setRenderer(5, dataRenderer);
        main.setDataset(2, null);
        main.setBackgroundPaint(Color.WHITE);
        main.setDomainGridlinesVisible(false);
        main.setRangeGridlinePaint(new Color(0xDDDDDD));

        NumberAxis ratioAxis = new NumberAxis("Ratio");
        ratioAxis.setAutoRangeIncludesZero(false);
        ratioAxis.setAutoRangeMinimumSize(0.02);
        DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
        bandRenderer.setSeriesFillPaint(0, new Color(0x999999));
        bandRenderer.setSeriesPaint(0, new Color(0x999999));
        bandRenderer.setSeriesFillPaint(1, TOTAL_BLUE);
        bandRenderer.setSeriesPaint(1, TOTAL_BLUE);
        bandRenderer.setAlpha(0.45f);
        ratio = new XYPlot(band, null, ratioAxis, bandRenderer);
        ratio.setDataset(1, ratioLine);
        XYLineAndShapeRenderer ratioRenderer = new XYLineAndShapeRenderer(true, false);
        ratioRenderer.setSeriesPaint(0, Color.BLACK);
        ratioRenderer.setSeriesStroke(0, new BasicStroke(2f));
        ratio.setRenderer(1, ratioRenderer);
        ratio.setDataset(2, ratioData);
        XYErrorRenderer ratioPoints = new XYErrorRenderer();
        ratioPoints.setDrawXError(false);
        ratioPoints.setDefaultLinesVisible(false);
        ratioPoints.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        ratioPoints.setSeriesPaint(0, Color.BLACK);
        ratioPoints.setErrorPaint(Color.BLACK);
        ratio.setRenderer(2, ratioPoints);
        ratio.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
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
        experiment.setFont(new Font(Font.SANS_SERIF, Font.BOLD | Font.ITALIC, 13));
        experiment.setPosition(RectangleEdge.TOP);
        experiment.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        experiment.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 60, 0, 0));
        chart.addSubtitle(0, experiment);
    }

    private final XYSeriesCollection signalLine = new XYSeriesCollection();

    /** Diagonal black hatching on a transparent background, the usual look of an MC uncertainty band. */
    private static java.awt.Paint hatchPaint() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new Color(0, 0, 0, 150));
        g.drawLine(0, 8, 8, 0);
        g.drawLine(-1, 1, 1, -1);
        g.drawLine(7, 9, 9, 7);
        g.dispose();
        return new java.awt.TexturePaint(img, new java.awt.Rectangle(0, 0, 8, 8));
    }

    /** Hatching from top left to bottom right, in dark blue: the post-fit total uncertainty band. */
    private static java.awt.Paint totalHatchPaint() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(6, 6, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x1F, 0x3A, 0x93, 50));
        g.fillRect(0, 0, 6, 6);
        g.setColor(new Color(0x1F, 0x3A, 0x93, 190));
        g.drawLine(0, 0, 6, 6);
        g.drawLine(-1, 5, 1, 7);
        g.drawLine(5, -1, 7, 1);
        g.dispose();
        return new java.awt.TexturePaint(img, new java.awt.Rectangle(0, 0, 6, 6));
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

    /** The data's name in the legend, as last drawn. */
    public String lastDataLabel() {
        return lastDataLabel;
    }

    /** The ratio panel's mode as last drawn. */
    public RatioMode lastRatioMode() {
        return lastMode;
    }

    /** The ratio panel's axis title as last drawn ("Data / MC" or "Shifted / nominal"). */
    public String ratioTitle() {
        return ratio.getRangeAxis().getLabel();
    }

    /** The post-fit total band as last drawn: {lower, upper} per bin, or null when no fit's band applies. */
    public double[][] lastTotalBand() {
        return lastTotalBand == null ? null : new double[][] {lastTotalBand[0].clone(), lastTotalBand[1].clone()};
    }

    /** The experiment label as last drawn. */
    public String experimentLabel() {
        return experiment.getText();
    }

    /** The main panel's vertical range as last drawn. */
    public org.jfree.data.Range yRange() {
        return main.getRangeAxis().getRange();
    }

    /** Replaces what is drawn; call on the FX thread. */
    public void show(Plot r, boolean logY) {
        show(r, logY, RatioMode.DATA_OVER_MC);
    }

    /** Replaces what is drawn, with the ratio panel in the given mode; call on the FX thread. */
    public void show(Plot r, boolean logY, RatioMode mode) {
        // one redraw per update, not one per series change
        chart.setNotify(false);
        try {
            lastMode = mode;
            update(r, logY);
        } finally {
            chart.setNotify(true);
        }
    }

    private void update(Plot r, boolean logY) {
        ProcessHistograms nominal = r.nominal();
        Axis axis = nominal.axis();
        String dataLabel = r.dataLabel();
        lastDataLabel = dataLabel;
        xAxis.setLabel(r.xTitle());
        if (r.indexBins()) {
            xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        } else {
            xAxis.setStandardTickUnits(NumberAxis.createStandardTickUnits());
        }
        String yLabel = r.yTitle();
        experiment.setText(r.experimentLabel() == null ? "" : r.experimentLabel());

        stack.removeAllSeries();
        List<Integer> order = stackOrder(nominal);
        double[] lower = new double[axis.bins()];
        double floor = logY ? r.logFloor() : 0;
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
        legendItems.add(new org.jfree.chart.LegendItem("Signal (line)", null, null, null,
                new java.awt.geom.Line2D.Double(-8, 0, 8, 0), new BasicStroke(2f), new Color(0xC0392B)));
        // legend swatches in the ratio panel's colours (a texture does not show in a 12 px box)
        legendItems.add(new org.jfree.chart.LegendItem("MC stat. unc.", null, null, null, box,
                new Color(0x999999), new BasicStroke(0.8f), Color.DARK_GRAY));
        if (r.totalBand() != null) {
            legendItems.add(new org.jfree.chart.LegendItem("Post-fit total unc.", null, null, null, box,
                    new Color(0x3B, 0x5B, 0xDB, 150), new BasicStroke(0.8f), TOTAL_BLUE));
        }
        legendItems.add(new org.jfree.chart.LegendItem(dataLabel, null, null, null,
                new Ellipse2D.Double(-3, -3, 6, 6), Color.BLACK));
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
        signalLine.removeAllSeries();
        for (int p = 0; p < nominal.processes().size(); p++) {
            if (isSignal(nominal.processes().get(p))) {
                signalLine.addSeries(stepSeries("Signal", axis, nominal.histograms().get(p).values(), floor));
                break;
            }
        }
        double[] rel = r.relativeMcStatError();
        mcBand.removeAllSeries();
        YIntervalSeries mc = new YIntervalSeries("MC stat. unc.");
        double[] nomValues = nomTotal.values();
        for (int b = 0; b < axis.bins(); b++) {
            double e = Double.isNaN(rel[b]) ? 0 : rel[b] * nomValues[b];
            double lo = Math.max(nomValues[b] - e, floor);
            double hi = Math.max(nomValues[b] + e, floor);
            mc.add(axis.edge(b), nomValues[b], lo, hi);
            mc.add(axis.edge(b + 1), nomValues[b], lo, hi);
        }
        mcBand.addSeries(mc);
        TotalBand.Slice total = r.totalBand();
        lastTotalBand = null;
        if (total != null) {
            YIntervalSeries t = new YIntervalSeries("Post-fit total unc.");
            lastTotalBand = new double[2][axis.bins()];
            for (int b = 0; b < axis.bins(); b++) {
                double e = total.expected()[b];
                double lo = Math.max(e - total.sigma()[b], floor);
                double hi = Math.max(e + total.sigma()[b], floor);
                lastTotalBand[0][b] = e - total.sigma()[b];
                lastTotalBand[1][b] = e + total.sigma()[b];
                t.add(axis.edge(b), Math.max(e, floor), lo, hi);
                t.add(axis.edge(b + 1), Math.max(e, floor), lo, hi);
            }
            mcBand.addSeries(t);
        }
        data.removeAllSeries();
        XYIntervalSeries points = new XYIntervalSeries("Data");
        double[] n = r.data();
        double[][] garwood = r.dataIntervals();
        double[] dataRatio = r.dataOverExpected();
        double[] mcValues = shifted.values();
        ratioData.removeAllSeries();
        XYIntervalSeries ratioPts = new XYIntervalSeries("Data / MC");
        boolean dataMode = lastMode == RatioMode.DATA_OVER_MC;
        for (int b = 0; b < axis.bins(); b++) {
            double c = axis.center(b);
            if (n[b] > 0 || !logY) {
                points.add(c, c, c, n[b], Math.max(garwood[0][b], logY ? floor : 0), garwood[1][b]);
            }
            if (dataMode && !Double.isNaN(dataRatio[b]) && n[b] > 0) {
                ratioPts.add(c, c, c, dataRatio[b], garwood[0][b] / mcValues[b], garwood[1][b] / mcValues[b]);
            }
        }
        data.addSeries(points);
        ratioData.addSeries(ratioPts);

        lastRatio = r.shiftedOverNominal();
        lastShifted = shifted.values();
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
        if (total != null) {
            double[] relTotal = total.relative();
            YIntervalSeries t = new YIntervalSeries("Post-fit total unc.");
            for (int b = 0; b < axis.bins(); b++) {
                t.add(axis.edge(b), 1, 1 - relTotal[b], 1 + relTotal[b]);
                t.add(axis.edge(b + 1), 1, 1 - relTotal[b], 1 + relTotal[b]);
            }
            band.addSeries(t);
        }
        if (!dataMode) {
            ratioLine.addSeries(ratioSeries);
        }
        ratio.getRangeAxis().setLabel(lastMode.toString());

        ValueAxis y;
        if (logY) {
            LogAxis log = new LogAxis(yLabel);
            log.setBase(10);
            log.setSmallestValue(floor);
            log.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
            log.setBaseSymbol("10");
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
            (isSignal(h.processes().get(p)) ? sig : bkg).add(p);
        }
        bkg.sort((a, b) -> Double.compare(h.histograms().get(b).total(), h.histograms().get(a).total()));
        bkg.addAll(sig);
        return bkg;
    }

    /** The signal process's name in the demo, the challenge's files and common workspaces. */
    static boolean isSignal(String process) {
        return "htautau".equals(process) || "s".equals(process) || "signal".equals(process);
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
