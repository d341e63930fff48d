package org.nuisance.engine.omnifold;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * chi2 = (m - p)^T C^-1 (m - p) between a measurement m and a prediction p with the measurement's
 * covariance C, and its p-value from the chi-square distribution with ndf = number of bins. A
 * singular C (a band that is exactly a normalisation, empty bins) is inverted on its non-zero
 * singular values only and ndf is the rank, the usual pseudo-inverse treatment.
 */
public final class Chi2Test {

    /** Relative singular-value threshold below which a direction counts as unconstrained. */
    private static final double RANK_TOLERANCE = 1e-12;

    /** The statistic, degrees of freedom and upper-tail probability. */
    public record Result(double chi2, int ndf, double pValue) {
    }

    private Chi2Test() {
    }

    public static Result compare(double[] measured, double[] predicted, double[][] covariance) {
        int n = measured.length;
        if (predicted.length != n || covariance.length != n) {
            throw new IllegalArgumentException("chi2 needs " + n + " predicted values and an " + n + "x" + n
                    + " covariance, got " + predicted.length + " and " + covariance.length + " rows");
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = measured[i] - predicted[i];
        }
        RealMatrix c = new Array2DRowRealMatrix(covariance, true);
        RealVector dv = new ArrayRealVector(d, false);
        double chi2;
        int ndf;
        try {
            CholeskyDecomposition chol = new CholeskyDecomposition(c, 1e-12, 1e-14);
            RealVector x = chol.getSolver().solve(dv);
            chi2 = dv.dotProduct(x);
            ndf = n;
        } catch (MathIllegalArgumentException e) {
            SingularValueDecomposition svd = new SingularValueDecomposition(c);
            double[] s = svd.getSingularValues();
            double cut = (s.length == 0 ? 0 : s[0]) * RANK_TOLERANCE;
            RealVector proj = svd.getUT().operate(dv);
            chi2 = 0;
            ndf = 0;
            for (int k = 0; k < s.length; k++) {
                if (s[k] > cut && s[k] > 0) {
                    chi2 += proj.getEntry(k) * proj.getEntry(k) / s[k];
                    ndf++;
                }
            }
        }
        double p = ndf == 0 ? Double.NaN : 1.0 - new ChiSquaredDistribution(ndf).cumulativeProbability(chi2);
        return new Result(chi2, ndf, p);
    }
}
