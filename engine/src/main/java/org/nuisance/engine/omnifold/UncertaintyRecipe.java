package org.nuisance.engine.omnifold;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nuisance.engine.hist.Axis;

/**
 * The analysis' own recipe for a histogram with uncertainties (ATLAS Z+jets OmniFold,
 * arXiv:2405.20041, as summarised in shared/reference/OMNIFOLD.md), computed from a histogram
 * matrix alone (no event pass):
 * <ul>
 *   <li>nominal h = hist(x, weights_nominal); dsigma/dx = h / bin width;</li>
 *   <li>data stat / MC stat: sample std (N - 1) over the bootstrap histograms;</li>
 *   <li>network initialisation: 1.253 * std(ensemble) / sqrt(N_ensemble);</li>
 *   <li>each systematic group: quadrature sum of h_k - h_nom;</li>
 *   <li>data-driven: |h(weights_dd) - h(target_dd)| / h(target_dd), times the nominal;</li>
 *   <li>each alternative file (generator prior, nonDY): |h_alt - h_nom|;</li>
 *   <li>total: quadrature sum.</li>
 * </ul>
 * Covariance ({@link Covariance#CONSISTENT}, the default): outer products of the systematic shifts +
 * sample covariance of each bootstrap family + 1.253^2 * ensemble covariance / N. Two deliberate
 * extensions of the reference's covariance, so that its diagonal equals total^2 and a chi-square
 * uses the same uncertainties that are drawn:
 * the ensemble covariance carries the same 1.253^2 as its band (the reference writes cov/100), and
 * the data-driven, generator-prior and nonDY shifts enter as outer products of their signed shifts.
 * {@link Covariance#REFERENCE} builds the reference's covariance word for word instead.
 */
public final class UncertaintyRecipe {

    /** Standard error of the median over the standard error of the mean, sqrt(pi/2), as the reference rounds it. */
    public static final double MEDIAN_FACTOR = 1.253;

    private UncertaintyRecipe() {
    }

    /**
     * @param matrix       the histogram matrix of the nominal file (must hold every column of the scheme)
     * @param alternatives other files' nominal histograms (sum of weights per bin, same axis) by band
     *                     name, e.g. generator_prior, non_dy
     */
    public static UnfoldedResult compute(WeightHistograms matrix, WeightScheme scheme, Map<String, double[]> alternatives) {
        return compute(matrix, scheme, alternatives, Covariance.CONSISTENT);
    }

    /** Which covariance to build; the bands are the same in both. */
    public enum Covariance {
        /** Diagonal = total^2: ensemble with 1.253^2 / N; data-driven and alternative shifts included. */
        CONSISTENT,
        /**
         * The reference's words exactly: systematic outer products + bootstrap sample covariances +
         * ensemble covariance / N; the data-driven and alternative bands are then not in it.
         */
        REFERENCE
    }

    /** As {@link #compute(WeightHistograms, WeightScheme, Map)} with a choice of covariance. */
    public static UnfoldedResult compute(WeightHistograms matrix, WeightScheme scheme, Map<String, double[]> alternatives,
                                         Covariance convention) {
        boolean literal = convention == Covariance.REFERENCE;
        Axis axis = matrix.axis();
        int nb = axis.bins();
        double[] h = matrix.values(scheme.nominal());
        LinkedHashMap<String, double[]> bands = new LinkedHashMap<>();
        double[][] cov = new double[nb][nb];
        for (WeightFamily f : scheme.families()) {
            double[] band = new double[nb];
            switch (f.combination()) {
                case STD -> replicaSpread(matrix, f.columns(), 1.0, 1.0, band, cov);
                case MEDIAN_STANDARD_ERROR -> replicaSpread(matrix, f.columns(),
                        MEDIAN_FACTOR * MEDIAN_FACTOR / f.columns().size(),
                        (literal ? 1.0 : MEDIAN_FACTOR * MEDIAN_FACTOR) / f.columns().size(), band, cov);
                case DIFFERENCE -> {
                    for (String col : f.columns()) {
                        double[] hk = matrix.values(col);
                        double[] shift = new double[nb];
                        for (int b = 0; b < nb; b++) {
                            shift[b] = hk[b] - h[b];
                        }
                        addShift(shift, band, cov);
                    }
                }
                case PAIRED_RELATIVE_DIFFERENCE -> {
                    double[] hw = matrix.values(f.columns().get(0));
                    double[] ht = matrix.values(f.columns().get(1));
                    double[] shift = new double[nb];
                    for (int b = 0; b < nb; b++) {
                        shift[b] = ht[b] == 0 ? 0 : (hw[b] - ht[b]) / ht[b] * h[b];
                    }
                    addShift(shift, band, literal ? null : cov);
                }
            }
            sqrtInPlace(band);
            bands.put(f.name(), band);
        }
        for (Map.Entry<String, double[]> alt : alternatives.entrySet()) {
            double[] ha = alt.getValue();
            if (ha.length != nb) {
                throw new IllegalArgumentException("alternative '" + alt.getKey() + "' has " + ha.length + " bins, expected " + nb);
            }
            double[] shift = new double[nb];
            for (int b = 0; b < nb; b++) {
                shift[b] = ha[b] - h[b];
            }
            double[] band = new double[nb];
            addShift(shift, band, literal ? null : cov);
            sqrtInPlace(band);
            bands.put(alt.getKey(), band);
        }
        double[] total = new double[nb];
        for (double[] band : bands.values()) {
            for (int b = 0; b < nb; b++) {
                total[b] += band[b] * band[b];
            }
        }
        sqrtInPlace(total);

        // to dsigma/dx: divide contents by the width, covariances by both widths
        double[] width = new double[nb];
        for (int b = 0; b < nb; b++) {
            width[b] = axis.width(b);
        }
        double[] dsdx = perWidth(h, width);
        LinkedHashMap<String, double[]> bandsDx = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : bands.entrySet()) {
            bandsDx.put(e.getKey(), perWidth(e.getValue(), width));
        }
        double[][] corr = new double[nb][nb];
        for (int i = 0; i < nb; i++) {
            for (int j = 0; j < nb; j++) {
                double denom = Math.sqrt(cov[i][i] * cov[j][j]);
                corr[i][j] = i == j ? (cov[i][i] > 0 ? 1 : 0) : denom > 0 ? cov[i][j] / denom : 0;
            }
        }
        for (int i = 0; i < nb; i++) {
            for (int j = 0; j < nb; j++) {
                cov[i][j] /= width[i] * width[j];
            }
        }
        LinkedHashMap<String, double[]> comparisons = new LinkedHashMap<>();
        scheme.prior().ifPresent(p -> comparisons.put("prior", perWidth(matrix.values(p), width)));
        for (Map.Entry<String, double[]> alt : alternatives.entrySet()) {
            comparisons.put(alt.getKey(), perWidth(alt.getValue(), width));
        }
        return new UnfoldedResult(axis, h, dsdx, bandsDx, perWidth(total, width), cov, corr, comparisons);
    }

    /** Adds covScale * sample covariance (N - 1) of the replica histograms to cov and bandScale * variance to band. */
    private static void replicaSpread(WeightHistograms m, List<String> columns, double bandScale, double covScale,
                                      double[] band, double[][] cov) {
        int nb = band.length;
        int r = columns.size();
        double[][] hr = new double[r][];
        double[] mean = new double[nb];
        for (int k = 0; k < r; k++) {
            hr[k] = m.values(columns.get(k));
            for (int b = 0; b < nb; b++) {
                mean[b] += hr[k][b];
            }
        }
        for (int b = 0; b < nb; b++) {
            mean[b] /= r;
        }
        double fb = bandScale / (r - 1);
        double f = covScale / (r - 1);
        for (int k = 0; k < r; k++) {
            double[] d = hr[k];
            for (int b = 0; b < nb; b++) {
                d[b] -= mean[b];
            }
            for (int i = 0; i < nb; i++) {
                band[i] += fb * d[i] * d[i];
                double di = d[i] * f;
                double[] ci = cov[i];
                for (int j = 0; j < nb; j++) {
                    ci[j] += di * d[j];
                }
            }
        }
    }

    /** Adds shift^2 to band and, unless cov is null, the outer product shift shift^T to cov. */
    private static void addShift(double[] shift, double[] band, double[][] cov) {
        for (int i = 0; i < shift.length; i++) {
            band[i] += shift[i] * shift[i];
            if (cov == null) {
                continue;
            }
            double[] ci = cov[i];
            for (int j = 0; j < shift.length; j++) {
                ci[j] += shift[i] * shift[j];
            }
        }
    }

    private static void sqrtInPlace(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sqrt(v[i]);
        }
    }

    private static double[] perWidth(double[] v, double[] width) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / width[i];
        }
        return out;
    }
}
