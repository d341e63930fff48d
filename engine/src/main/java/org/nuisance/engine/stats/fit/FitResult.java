package org.nuisance.engine.stats.fit;

import java.util.List;

/**
 * A maximum-likelihood fit: best-fit values, errors from the inverse Hessian of -ln L at the minimum
 * (NaN for fixed parameters or where the Hessian is not positive definite), the covariance matrix,
 * -ln L at the minimum, whether the minimiser converged, with its reason, and the fit's
 * {@link FitStatus}: parameters at a bound, a singular or ill-conditioned Hessian with the parameters
 * involved, non-positive expected yields. Show {@link FitStatus#warnings()} with every result.
 */
public record FitResult(List<String> names, double[] values, double[] errors, double[][] covariance, double nll,
                        boolean converged, String reason, int iterations, FitStatus status) {

    public FitResult {
        names = List.copyOf(names);
        if (status == null) {
            status = FitStatus.minimised(converged, reason);
        }
    }

    /** A result whose status is only the minimiser's (no Hessian or bound diagnosis). */
    public FitResult(List<String> names, double[] values, double[] errors, double[][] covariance, double nll,
                     boolean converged, String reason, int iterations) {
        this(names, values, errors, covariance, nll, converged, reason, iterations, null);
    }

    public int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter '" + name + "'; parameters: " + names);
        }
        return i;
    }

    public double value(String name) {
        return values[index(name)];
    }

    public double error(String name) {
        return errors[index(name)];
    }

    /** Correlation matrix from the covariance (NaN rows for fixed parameters). */
    public double[][] correlation() {
        int n = values.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = Math.sqrt(covariance[i][i] * covariance[j][j]);
                c[i][j] = i == j && d > 0 ? 1 : covariance[i][j] / d;
            }
        }
        return c;
    }
}
