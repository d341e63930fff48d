package org.nuisance.engine.nsbi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.nuisance.engine.data.InputException;

/**
 * Histogram calibration of a learned log density ratio, fitted on held-out events: in quantile bins of the
 * raw ln r over both samples, the observed ratio is N_b / D_b (the numerator's and the denominator's
 * normalised weight sums in the bin) and the predicted one R_b / D_b (the denominator's sum of w r); the
 * calibrated ratio is r * N_b / R_b in bin b, which keeps the network's resolution inside the bin and makes
 * the reweighted denominator reproduce the numerator's share of every bin. The bins, with both ratios and
 * the observed one's statistical error, are the calibration curve.
 *
 * @param edges     bin edges in raw ln r (first and last open: values outside fall in the end bins)
 * @param observed  N_b / D_b per bin
 * @param predicted R_b / D_b per bin
 * @param error     statistical error of observed (both samples' sums of squared weights)
 * @param logCorrection ln(N_b / R_b) applied per bin (0 where a bin is empty)
 */
public record Calibration(double[] edges, double[] observed, double[] predicted, double[] error,
                          double[] logCorrection) {

    static final String FILE = "calibration.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** No correction. */
    public static Calibration identity() {
        return new Calibration(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}, new double[] {1},
                new double[] {1}, new double[] {0}, new double[] {0});
    }

    public int bins() {
        return logCorrection.length;
    }

    /** The calibrated ln r of a raw ln r. */
    public double apply(double rawLogRatio) {
        return rawLogRatio + logCorrection[bin(rawLogRatio)];
    }

    int bin(double v) {
        int b = Arrays.binarySearch(edges, v);
        if (b < 0) {
            b = -b - 2;
        }
        return Math.max(0, Math.min(logCorrection.length - 1, b));
    }

    /**
     * Fits on held-out raw ln r of numerator and denominator events with their weights (each sample
     * normalised to unit sum here).
     */
    public static Calibration fit(float[] numLogR, float[] numW, float[] denLogR, float[] denW, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("calibration bins must be >= 1, got " + bins);
        }
        float[] all = new float[numLogR.length + denLogR.length];
        System.arraycopy(numLogR, 0, all, 0, numLogR.length);
        System.arraycopy(denLogR, 0, all, numLogR.length, denLogR.length);
        Arrays.sort(all);
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = all[Math.min(all.length - 1, (int) ((long) b * (all.length - 1) / bins))];
        }
        edges[0] = Double.NEGATIVE_INFINITY;
        edges[bins] = Double.POSITIVE_INFINITY;
        Calibration shell = new Calibration(edges, new double[bins], new double[bins], new double[bins], new double[bins]);
        double[] n = new double[bins];
        double[] n2 = new double[bins];
        double[] d = new double[bins];
        double[] d2 = new double[bins];
        double[] r = new double[bins];
        double sn = 0;
        double sd = 0;
        for (float w : numW) {
            sn += w;
        }
        for (float w : denW) {
            sd += w;
        }
        for (int i = 0; i < numLogR.length; i++) {
            int b = shell.bin(numLogR[i]);
            n[b] += numW[i] / sn;
            n2[b] += (numW[i] / sn) * (numW[i] / sn);
        }
        for (int i = 0; i < denLogR.length; i++) {
            int b = shell.bin(denLogR[i]);
            d[b] += denW[i] / sd;
            d2[b] += (denW[i] / sd) * (denW[i] / sd);
            r[b] += denW[i] / sd * Math.exp(denLogR[i]);
        }
        double[] obs = new double[bins];
        double[] pred = new double[bins];
        double[] err = new double[bins];
        double[] corr = new double[bins];
        for (int b = 0; b < bins; b++) {
            obs[b] = d[b] > 0 ? n[b] / d[b] : Double.NaN;
            pred[b] = d[b] > 0 ? r[b] / d[b] : Double.NaN;
            // both samples fluctuate: relative errors of N_b and D_b in quadrature
            err[b] = n[b] > 0 && d[b] > 0 ? obs[b] * Math.sqrt(n2[b] / (n[b] * n[b]) + d2[b] / (d[b] * d[b])) : Double.NaN;
            corr[b] = n[b] > 0 && r[b] > 0 ? Math.log(n[b] / r[b]) : 0;
        }
        return new Calibration(edges, obs, pred, err, corr);
    }

    /** chi^2 of the raw (uncalibrated) prediction against the observed ratio over the non-empty bins. */
    public double rawChi2() {
        double c = 0;
        for (int b = 0; b < bins(); b++) {
            if (error[b] > 0 && Double.isFinite(observed[b])) {
                double z = (observed[b] - predicted[b]) / error[b];
                c += z * z;
            }
        }
        return c;
    }

    record CalibrationJson(double[] edges, double[] observed, double[] predicted, double[] error,
                           double[] logCorrection) {
    }

    void save(Path file) {
        try {
            double[] e = edges.clone();
            e[0] = -1e300;
            e[e.length - 1] = 1e300;
            JSON.writeValue(file.toFile(), new CalibrationJson(e, nan(observed), nan(predicted), nan(error), logCorrection));
        } catch (IOException ex) {
            throw new InputException(file + ": cannot write the calibration (" + ex.getMessage() + ")", ex);
        }
    }

    private static double[] nan(double[] v) {
        double[] o = v.clone();
        for (int i = 0; i < o.length; i++) {
            if (!Double.isFinite(o[i])) {
                o[i] = -1;
            }
        }
        return o;
    }

    static Calibration load(Path file) {
        try {
            CalibrationJson j = JSON.readValue(file.toFile(), CalibrationJson.class);
            double[] e = j.edges().clone();
            e[0] = Double.NEGATIVE_INFINITY;
            e[e.length - 1] = Double.POSITIVE_INFINITY;
            return new Calibration(e, j.observed(), j.predicted(), j.error(), j.logCorrection());
        } catch (IOException ex) {
            throw new InputException(file + ": not a readable calibration (" + ex.getMessage() + ")", ex);
        }
    }
}
