package org.nuisance.app.unfolded;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The bin-to-bin correlation matrix of dsigma/dx as a heat map over bin indices (so variable-width bins
 * stay square), on a diverging scale from -1 (blue) through 0 (white) to +1 (red).
 */
public final class CorrelationChart {

    /** -1 blue, 0 white, +1 red, linear in between. */
    static final class Diverging implements PaintScale {
        @Override
        public double getLowerBound() {
            return -1;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            double v = Double.isNaN(value) ? 0 : Math.max(-1, Math.min(1, value));
            Color end = v < 0 ? new Color(0x2166AC) : new Color(0xB2182B);
            double f = Math.abs(v);
            return new Color((int) Math.round(255 + f * (end.getRed() - 255)),
                    (int) Math.round(255 + f * (end.getGreen() - 255)), (int) Math.round(255 + f * (end.getBlue() - 255)));
        }
    }

    private final JFreeChart chart;
    private final XYPlot plot;
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final DefaultXYZDataset data = new DefaultXYZDataset();
    private double[][] shown = new double[0][0];

    public CorrelationChart() {
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(new Diverging());
        r.setBlockAnchor(RectangleAnchor.CENTER);
        for (NumberAxis a : new NumberAxis[] {x, y}) {
            a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            a.setAutoRangeIncludesZero(false);
            a.setLowerMargin(0);
            a.setUpperMargin(0);
        }
        plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        chart = new JFreeChart("Bin-to-bin correlation", new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis scaleAxis = new NumberAxis("\u03c1");
        scaleAxis.setRange(-1, 1);
        PaintScaleLegend legend = new PaintScaleLegend(new Diverging(), scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(4, 4, 4, 4));
        legend.setStripWidth(12);
        legend.setAxisOffset(4);
        chart.addSubtitle(legend);
    }

    public JFreeChart chart() {
        return chart;
    }

    /** Call on the FX thread with the result's correlation matrix. */
    public void show(double[][] correlation, String observable) {
        int n = correlation.length;
        double[][] xyz = new double[3][n * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                xyz[0][k] = i;
                xyz[1][k] = j;
                xyz[2][k] = correlation[i][j];
                k++;
            }
        }
        chart.setNotify(false);
        try {
            if (data.getSeriesCount() > 0) {
                data.removeSeries(data.getSeriesKey(0));
            }
            data.addSeries("correlation", xyz);
            x.setLabel("Bin of " + observable);
            y.setLabel("Bin of " + observable);
            x.setRange(-0.5, n - 0.5);
            y.setRange(-0.5, n - 0.5);
        } finally {
            chart.setNotify(true);
        }
        shown = correlation;
    }

    /** The matrix last drawn. */
    public double[][] shown() {
        return shown;
    }
}
