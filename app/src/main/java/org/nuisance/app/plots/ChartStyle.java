package org.nuisance.app.plots;

import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;

/** The workbench's one look for charts: white plots, light grid lines, bold titles, the legend on top. */
public final class ChartStyle {

    public static final Color GRID = new Color(0xDDDDDD);

    private ChartStyle() {
    }

    /** White background and light grid lines on a plot. */
    public static XYPlot plain(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        return plot;
    }

    /** A chart around a styled plot; with a legend, it sits above the plot so it never hides data. */
    public static JFreeChart chart(String title, XYPlot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plain(plot), legend);
        chart.setBackgroundPaint(Color.WHITE);
        if (legend) {
            LegendTitle l = chart.getLegend();
            l.setPosition(RectangleEdge.TOP);
            l.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
        return chart;
    }
}
