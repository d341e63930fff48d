package org.nuisance.app.root;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nuisance.app.plots.ChartStyle;
import org.nuisance.engine.workbench.RootDrawing;

/**
 * Draws a {@link RootDrawing} as ROOT and mplhep do: a 1-D histogram as black points at the bin centres
 * with vertical error bars (sqrt(sumw2)) and horizontal bars over the bin width, over a light outline of
 * the contents; a TH2 as a colour map with its scale beside it. Axis titles are the histogram's own,
 * the range follows the data. It only draws.
 */
public final class RootChart {

    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final XYPlot plot = new XYPlot(null, xAxis, yAxis, null);
    private final JFreeChart chart = ChartStyle.chart(null, plot, false);
    private int points;

    public RootChart() {
        plot.setDomainGridlinesVisible(false);
        xAxis.setAutoRangeIncludesZero(false);
    }

    public JFreeChart chart() {
        return chart;
    }

    /** The number of points (bins) drawn for a 1-D drawing, or cells for a 2-D one; for tests. */
    public int pointsDrawn() {
        return points;
    }

    /** Replaces what is drawn (null clears); call on the FX thread. */
    public void show(RootDrawing d) {
        chart.setNotify(false);
        try {
            for (int i = plot.getDatasetCount() - 1; i >= 0; i--) {
                plot.setDataset(i, null);
            }
            while (chart.getSubtitleCount() > 0) {
                chart.removeSubtitle(chart.getSubtitle(0));
            }
            points = 0;
            if (d == null) {
                chart.setTitle((String) null);
                return;
            }
            String title = d.title() == null || d.title().isBlank() ? d.name() : d.title();
            chart.setTitle(new org.jfree.chart.title.TextTitle(title + "  (" + d.className() + ")",
                    new Font(Font.SANS_SERIF, Font.BOLD, 14)));
            xAxis.setLabel(d.xTitle() == null || d.xTitle().isBlank() ? "x" : d.xTitle());
            if (d.dimension() == 2) {
                drawMap(d);
            } else {
                drawPoints(d);
            }
        } finally {
            chart.setNotify(true);
        }
    }

    private void drawPoints(RootDrawing d) {
        yAxis.setLabel(d.yTitle() == null || d.yTitle().isBlank() ? "Entries / bin" : d.yTitle());
        yAxis.setAutoRangeIncludesZero(!d.className().equals("TProfile"));
        double[] e = d.edgesX();
        double[] c = d.contents();
        double[] err = d.errors();
        XYIntervalSeries pts = new XYIntervalSeries(d.name());
        XYSeries outline = new XYSeries("outline", false, true);
        for (int b = 0; b < c.length; b++) {
            double x = 0.5 * (e[b] + e[b + 1]);
            pts.add(x, e[b], e[b + 1], c[b], c[b] - err[b], c[b] + err[b]);
            outline.add(e[b], c[b]);
            outline.add(e[b + 1], c[b]);
        }
        points = c.length;
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(false);
        r.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        r.setSeriesPaint(0, Color.BLACK);
        r.setErrorPaint(Color.BLACK);
        r.setCapLength(0);
        plot.setDataset(0, new XYIntervalSeriesCollection());
        ((XYIntervalSeriesCollection) plot.getDataset(0)).addSeries(pts);
        plot.setRenderer(0, r);
        XYStepRenderer step = new XYStepRenderer();
        step.setSeriesPaint(0, new Color(0x4E79A7));
        step.setSeriesStroke(0, new BasicStroke(1.2f));
        plot.setDataset(1, new XYSeriesCollection(outline));
        plot.setRenderer(1, step);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        yAxis.setAutoRange(true);
        xAxis.setRange(e[0], e[e.length - 1]);
    }

    private void drawMap(RootDrawing d) {
        yAxis.setLabel(d.yTitle() == null || d.yTitle().isBlank() ? "y" : d.yTitle());
        yAxis.setAutoRangeIncludesZero(false);
        double[] ex = d.edgesX();
        double[] ey = d.edgesY();
        double[][] m = d.matrix();
        int nx = m.length;
        int ny = nx == 0 ? 0 : m[0].length;
        double[][] xyz = new double[3][nx * ny];
        double max = 0;
        int k = 0;
        for (int ix = 0; ix < nx; ix++) {
            for (int iy = 0; iy < ny; iy++) {
                xyz[0][k] = 0.5 * (ex[ix] + ex[ix + 1]);
                xyz[1][k] = 0.5 * (ey[iy] + ey[iy + 1]);
                xyz[2][k] = m[ix][iy];
                max = Math.max(max, m[ix][iy]);
                k++;
            }
        }
        points = nx * ny;
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(d.name(), xyz);
        XYBlockRenderer r = new XYBlockRenderer();
        // the block size of the first cell: ROOT's TH2 in the workbench's files have fixed bins
        r.setBlockWidth(ex[1] - ex[0]);
        r.setBlockHeight(ey[1] - ey[0]);
        LookupPaintScale scale = viridis(max);
        r.setPaintScale(scale);
        plot.setDataset(0, data);
        plot.setRenderer(0, r);
        xAxis.setRange(ex[0], ex[ex.length - 1]);
        yAxis.setRange(ey[0], ey[ey.length - 1]);
        NumberAxis zAxis = new NumberAxis("Entries");
        PaintScaleLegend legend = new PaintScaleLegend(scale, zAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(4, 8, 40, 4));
        legend.setStripWidth(14);
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
    }

    /** Empty cells white, then viridis from the smallest to the largest content. */
    private static LookupPaintScale viridis(double max) {
        double top = max > 0 ? max : 1;
        LookupPaintScale s = new LookupPaintScale(0, top * 1.000001, Color.WHITE);
        int[] stops = {0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C,
            0xFDE725};
        s.add(0.0, Color.WHITE);
        for (int i = 0; i < stops.length; i++) {
            s.add(Math.max(Double.MIN_VALUE, top * i / stops.length), new Color(stops[i]));
        }
        return s;
    }
}
