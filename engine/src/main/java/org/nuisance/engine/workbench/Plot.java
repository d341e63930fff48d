package org.nuisance.engine.workbench;

import java.util.List;
import org.nuisance.engine.hist.Histogram;
import org.nuisance.engine.hist.HistogramMath;
import org.nuisance.engine.hist.ProcessHistograms;

/**
 * What a histogram view draws, computed once for one set of slider values: the processes at nominal
 * (the stack), the processes with the sliders applied, the fixed data with Garwood error bars and its
 * name, axis titles with units, warnings to show in the view (e.g. an empty range), and the slider values
 * it was computed for (by parameter name).
 *
 * @param indexBins true when the bins have no edges of their own (a workspace channel): the x axis is
 *                  the bin index, with integer ticks
 * @param channel   what a fit's {@link TotalBand} calls these bins (a workspace channel, or an events
 *                  column with its binning); null when no fit can match
 * @param totalBand the post-fit expected total and its total uncertainty, when a fit of the same data and
 *                  bins is known ({@link #withTotalBand}); else null
 */
public record Plot(ProcessHistograms nominal, ProcessHistograms shifted, double[] data, String dataLabel,
                   String xTitle, String yTitle, boolean indexBins, String experimentLabel, List<String> warnings,
                   java.util.Map<String, Double> sliders, double computeMs, String channel,
                   TotalBand.Slice totalBand) {

    /** A plot no fit's band can attach to. */
    public Plot(ProcessHistograms nominal, ProcessHistograms shifted, double[] data, String dataLabel,
                String xTitle, String yTitle, boolean indexBins, String experimentLabel, List<String> warnings,
                java.util.Map<String, Double> sliders, double computeMs) {
        this(nominal, shifted, data, dataLabel, xTitle, yTitle, indexBins, experimentLabel, warnings, sliders,
                computeMs, null, null);
    }

    /**
     * This plot with the fit's total band on its bins, if the band is of the same data and channel and
     * has as many bins; otherwise this plot without a band (a band of other data is never drawn).
     */
    public Plot withTotalBand(TotalBand band) {
        TotalBand.Slice s = band == null || channel == null || !band.dataLabel().equals(dataLabel) ? null
                : band.channel(channel);
        if (s != null && s.expected().length != data.length) {
            s = null;
        }
        return new Plot(nominal, shifted, data, dataLabel, xTitle, yTitle, indexBins, experimentLabel, warnings,
                sliders, computeMs, channel, s);
    }

    public Histogram nominalTotal() {
        return nominal.total();
    }

    public Histogram shiftedTotal() {
        return shifted.total();
    }

    /** The lower and upper ends of the data's Garwood 68% intervals, per bin: [2][bins]. */
    public double[][] dataIntervals() {
        double[][] out = new double[2][data.length];
        for (int b = 0; b < data.length; b++) {
            double[] i = PoissonInterval.garwood(Math.max(0, data[b]));
            out[0][b] = i[0];
            out[1][b] = i[1];
        }
        return out;
    }

    /** Shifted total / nominal total per bin (NaN where the nominal is empty). */
    public double[] shiftedOverNominal() {
        return HistogramMath.ratio(shifted.total(), nominal.total());
    }

    /** Data / expected with the sliders applied, per bin (NaN where the expectation is empty). */
    public double[] dataOverExpected() {
        double[] mc = shifted.total().values();
        double[] r = new double[data.length];
        for (int b = 0; b < r.length; b++) {
            r[b] = mc[b] > 0 ? data[b] / mc[b] : Double.NaN;
        }
        return r;
    }

    /** The nominal total's relative MC statistical error per bin (sqrt(sum w^2) / sum w). */
    public double[] relativeMcStatError() {
        return HistogramMath.relativeStatError(nominal.total());
    }

    /**
     * A floor for a logarithmic axis: a power of ten at or below half the smallest non-zero total or data
     * count, and not more than seven decades below the tallest bin (processes smaller than that are
     * still drawn where they rise above it, and the signal has its own line).
     */
    public double logFloor() {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double v : nominal.total().values()) {
            if (v > 0) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        for (double v : shifted.total().values()) {
            max = Math.max(max, v);
        }
        if (totalBand != null) {
            for (int b = 0; b < totalBand.expected().length; b++) {
                max = Math.max(max, totalBand.expected()[b] + totalBand.sigma()[b]);
            }
        }
        for (double v : data) {
            if (v > 0) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min == Double.MAX_VALUE) {
            return 0.1;
        }
        double floor = Math.max(min / 2, max * 1e-7);
        return Math.pow(10, Math.floor(Math.log10(floor)));
    }
}
