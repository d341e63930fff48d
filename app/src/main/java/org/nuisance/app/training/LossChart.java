package org.nuisance.app.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nuisance.engine.ml.EpochProgress;

/**
 * Learning curves: the weighted cross-entropy on the training split (mean over each epoch's batches) and
 * on the validation split (after each epoch) against the epoch, with a marker at the epoch whose
 * network is kept (lowest validation loss).
 */
final class LossChart {

    static final Color TRAINING = new Color(0x4E79A7);
    static final Color VALIDATION = new Color(0xE15759);

    private final JFreeChart chart;
    private final XYPlot plot;
    private final XYSeries training = new XYSeries("Training loss", false, true);
    private final XYSeries validation = new XYSeries("Validation loss", false, true);
    private ValueMarker kept;

    LossChart() {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(training);
        data.addSeries(validation);
        NumberAxis x = new NumberAxis("Epoch");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("Weighted cross-entropy");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, TRAINING);
        renderer.setSeriesPaint(1, VALIDATION);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        renderer.setSeriesShape(1, new Ellipse2D.Double(-3, -3, 6, 6));
        plot = new XYPlot(data, x, y, renderer);
        plot.setNoDataMessage("Press Start to train: the losses appear here epoch by epoch");
        chart = org.nuisance.app.plots.ChartStyle.chart("Learning curves", plot, true);
    }

    JFreeChart chart() {
        return chart;
    }

    XYSeries trainingSeries() {
        return training;
    }

    XYSeries validationSeries() {
        return validation;
    }

    /** Redraws from the epochs so far; keptEpoch > 0 draws the marker. Call on the FX thread. */
    void show(List<EpochProgress> epochs, int keptEpoch) {
        chart.setNotify(false);
        try {
            training.clear();
            validation.clear();
            for (EpochProgress p : epochs) {
                training.add(p.epoch(), p.trainLoss());
                if (Double.isFinite(p.validationLoss())) {
                    validation.add(p.epoch(), p.validationLoss());
                }
            }
            if (kept != null) {
                plot.removeDomainMarker(kept);
                kept = null;
            }
            if (keptEpoch > 0) {
                kept = new ValueMarker(keptEpoch, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
                kept.setLabel("kept");
                kept.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                kept.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                kept.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
                plot.addDomainMarker(kept);
            }
        } finally {
            chart.setNotify(true);
        }
    }
}
