package org.nuisance.app.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nuisance.engine.ml.RocCurve;

/**
 * The ROC curve on the validation split: signal efficiency against background efficiency for every cut
 * on the score, with the diagonal a score that knows nothing would give.
 */
final class RocChart {

    private final JFreeChart chart;
    private final XYPlot plot;
    private final XYSeries curve = new XYSeries("Classifier", false, true);
    private final XYSeries diagonal = new XYSeries("Random guess (AUC 0.5)", false, true);

    RocChart() {
        diagonal.add(0, 0);
        diagonal.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(curve);
        data.addSeries(diagonal);
        NumberAxis x = new NumberAxis("Background efficiency");
        x.setRange(0, 1);
        NumberAxis y = new NumberAxis("Signal efficiency");
        y.setRange(0, 1.02);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, LossChart.VALIDATION);
        renderer.setSeriesStroke(0, new BasicStroke(2.2f));
        renderer.setSeriesPaint(1, Color.GRAY);
        renderer.setSeriesStroke(1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {5f, 4f}, 0f));
        plot = new XYPlot(data, x, y, renderer);
        chart = org.nuisance.app.plots.ChartStyle.chart("ROC curve (validation split)", plot, true);
        // room on the right for the last tick label ("1.0") of a narrow chart
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 14));
    }

    JFreeChart chart() {
        return chart;
    }

    XYSeries curveSeries() {
        return curve;
    }

    /** Draws a curve, or clears it with null. Call on the FX thread. */
    void show(RocCurve roc) {
        chart.setNotify(false);
        try {
            curve.clear();
            if (roc != null) {
                curve.setKey(String.format(Locale.ROOT, "Classifier (AUC %.4f)", roc.auc()));
                double[] bx = roc.backgroundEfficiency();
                double[] sy = roc.signalEfficiency();
                for (int k = 0; k < bx.length; k++) {
                    curve.add(bx[k], sy[k]);
                }
            } else {
                curve.setKey("Classifier");
            }
        } finally {
            chart.setNotify(true);
        }
    }
}
