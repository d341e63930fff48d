package org.nuisance.engine.omnifold;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nuisance.engine.hist.Axis;

/**
 * A differential cross section with its uncertainty breakdown, as the recipe of
 * {@link UncertaintyRecipe} makes it. Bin contents are in the weights' unit (fb for the ATLAS
 * release); {@code dsigmaDx} and every uncertainty, covariance and comparison are per unit of the
 * observable (content / bin width). Uncertainties are absolute, one-sigma, symmetric.
 */
public final class UnfoldedResult {

    private final Axis axis;
    private final double[] nominal;
    private final double[] dsigmaDx;
    private final LinkedHashMap<String, double[]> uncertainties;
    private final double[] total;
    private final double[][] covariance;
    private final double[][] correlation;
    private final LinkedHashMap<String, double[]> comparisons;

    UnfoldedResult(Axis axis, double[] nominal, double[] dsigmaDx, LinkedHashMap<String, double[]> uncertainties,
                   double[] total, double[][] covariance, double[][] correlation,
                   LinkedHashMap<String, double[]> comparisons) {
        this.axis = axis;
        this.nominal = nominal;
        this.dsigmaDx = dsigmaDx;
        this.uncertainties = uncertainties;
        this.total = total;
        this.covariance = covariance;
        this.correlation = correlation;
        this.comparisons = comparisons;
    }

    public Axis axis() {
        return axis;
    }

    public int bins() {
        return axis.bins();
    }

    /** Sum of nominal weights per bin (the cross section in the bin, fb). */
    public double[] nominal() {
        return nominal.clone();
    }

    /** The differential cross section: nominal / bin width. */
    public double[] dsigmaDx() {
        return dsigmaDx.clone();
    }

    /**
     * Uncertainty bands on dsigma/dx by name, in report order: data_stat, mc_stat, ensemble, the
     * systematic groups, data_driven, then one per alternative file (generator_prior, non_dy, ...).
     * Does not include the total.
     */
    public Map<String, double[]> uncertainties() {
        return Collections.unmodifiableMap(uncertainties);
    }

    /** One band divided by dsigma/dx (0 where dsigma/dx is 0). */
    public double[] relative(String band) {
        double[] u = band.equals("total") ? total : uncertainties.get(band);
        if (u == null) {
            throw new IllegalArgumentException("no uncertainty band '" + band + "'; bands: " + uncertainties.keySet());
        }
        double[] r = new double[u.length];
        for (int b = 0; b < r.length; b++) {
            r[b] = dsigmaDx[b] == 0 ? 0 : u[b] / Math.abs(dsigmaDx[b]);
        }
        return r;
    }

    /** Quadrature sum of all bands; the square root of the covariance's diagonal in the default convention. */
    public double[] total() {
        return total.clone();
    }

    /** Bin-to-bin covariance of dsigma/dx (a fresh copy). */
    public double[][] covariance() {
        return deepCopy(covariance);
    }

    /** Bin-to-bin correlation (1 on the diagonal; 0 for a bin with no uncertainty). */
    public double[][] correlation() {
        return deepCopy(correlation);
    }

    /**
     * Other predictions on the same binning, as dsigma/dx: {@code prior} (the generator, weight_mc)
     * when the file has it, and each alternative file's nominal under its label.
     */
    public Map<String, double[]> comparisons() {
        return Collections.unmodifiableMap(comparisons);
    }

    /** Chi-square of a prediction (dsigma/dx on this binning) against this result, with the full covariance. */
    public Chi2Test.Result chi2(double[] predictionDsigmaDx) {
        return Chi2Test.compare(dsigmaDx, predictionDsigmaDx, covariance);
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
