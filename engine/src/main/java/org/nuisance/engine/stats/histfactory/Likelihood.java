package org.nuisance.engine.stats.histfactory;

import org.hipparchus.special.Gamma;

/**
 * The HistFactory negative log-likelihood of a {@link Model} on {@link Data}: Poisson terms over all bins
 * times the constraint terms, -ln L = sum_b [nu_b - n_b ln nu_b + ln Gamma(n_b + 1)] + constraints, with
 * the continuous (Gamma-function) Poisson for non-integer counts and for the shapesys auxiliary data, as
 * pyhf. Gaussian constraints include their normalisation ln(sigma sqrt(2 pi)).
 * <p>
 * For the minimiser the Poisson part is evaluated as a deviance, nu - n + n ln(n / nu) per bin, plus a
 * constant, so that values near the minimum are small numbers with full precision. Not thread-safe (it
 * keeps scratch arrays): use one per thread.
 */
public final class Likelihood {

    private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

    private final Model model;
    private final Data data;
    private final double[] nu;
    private final double[] factors;
    private final double constant;

    public Likelihood(Model model, Data data) {
        if (data.counts().length != model.bins()) {
            throw new IllegalArgumentException("data has " + data.counts().length + " bins, the model " + model.bins());
        }
        this.model = model;
        this.data = data;
        this.nu = new double[model.bins()];
        this.factors = new double[model.maxFactors];
        double c = 0;
        for (double n : data.counts()) {
            if (n > 0) {
                c += n - n * Math.log(n);
            }
            c += Gamma.logGamma(n + 1);
        }
        for (int i = 0; i < model.size(); i++) {
            Parameter p = model.parameter(i);
            if (p.constraint() == Parameter.Constraint.GAUSSIAN) {
                c += Math.log(p.width()) + HALF_LN_2PI;
            } else if (p.constraint() == Parameter.Constraint.POISSON) {
                c += Gamma.logGamma(data.aux()[i] + 1);
            }
        }
        this.constant = c;
    }

    public Model model() {
        return model;
    }

    public Data data() {
        return data;
    }

    /** -ln L at x. */
    public double nll(double[] x) {
        return constant + reducedNll(x, null);
    }

    /** -ln L minus a constant that depends only on the data: what the minimiser sees. */
    public double reducedNll(double[] x) {
        return reducedNll(x, null);
    }

    /** The constant that {@link #nll} adds to {@link #reducedNll}. */
    public double constant() {
        return constant;
    }

    /**
     * The reduced -ln L at x, and its gradient into grad if grad is not null. Returns +infinity where an
     * expected count is negative, or zero with a non-zero observed count.
     */
    public double reducedNll(double[] x, double[] grad) {
        double[] counts = data.counts();
        java.util.Arrays.fill(nu, 0);
        for (Model.SampleTerm s : model.samples()) {
            int n = s.nominal().length;
            int off = s.offset();
            for (int b = 0; b < n; b++) {
                nu[off + b] += Model.sampleBin(s, b, x);
            }
        }
        double f = 0;
        for (int b = 0; b < nu.length; b++) {
            double v = nu[b];
            double n = counts[b];
            if (n > 0) {
                if (!(v > 0)) {
                    return Double.POSITIVE_INFINITY;
                }
                f += v - n + n * Math.log1p((n - v) / v);
            } else {
                if (!(v >= 0)) {
                    return Double.POSITIVE_INFINITY;
                }
                f += v;
            }
        }
        double[] aux = data.aux();
        for (int i = 0; i < x.length; i++) {
            Parameter p = model.parameter(i);
            switch (p.constraint()) {
                case GAUSSIAN -> {
                    double z = (x[i] - aux[i]) / p.width();
                    f += 0.5 * z * z;
                }
                case POISSON -> {
                    double lambda = x[i] * p.width();
                    if (!(lambda > 0)) {
                        return Double.POSITIVE_INFINITY;
                    }
                    f += lambda - aux[i] * Math.log(lambda);
                }
                default -> {
                }
            }
        }
        if (grad != null) {
            gradient(x, grad);
        }
        return f;
    }

    private void gradient(double[] x, double[] grad) {
        java.util.Arrays.fill(grad, 0);
        double[] counts = data.counts();
        for (Model.SampleTerm s : model.samples()) {
            int n = s.nominal().length;
            int off = s.offset();
            Modifier[] add = s.additive();
            Modifier[] mul = s.multiplicative();
            for (int b = 0; b < n; b++) {
                double w = 1 - counts[off + b] / nu[off + b];
                if (counts[off + b] == 0) {
                    w = 1;
                }
                double base = s.nominal()[b];
                for (Modifier m : add) {
                    base += m.value(b, x[m.parameter(b)]);
                }
                double prod = 1;
                for (int j = 0; j < mul.length; j++) {
                    int p = mul[j].parameter(b);
                    factors[j] = p >= 0 ? mul[j].value(b, x[p]) : 1;
                    prod *= factors[j];
                }
                for (Modifier m : add) {
                    int p = m.parameter(b);
                    grad[p] += w * m.derivative(b, x[p]) * prod;
                }
                for (int j = 0; j < mul.length; j++) {
                    int p = mul[j].parameter(b);
                    if (p < 0) {
                        continue;
                    }
                    double others;
                    if (factors[j] != 0) {
                        others = prod / factors[j];
                    } else {
                        others = 1;
                        for (int k = 0; k < mul.length; k++) {
                            if (k != j) {
                                others *= factors[k];
                            }
                        }
                    }
                    grad[p] += w * base * others * mul[j].derivative(b, x[p]);
                }
            }
        }
        double[] aux = data.aux();
        for (int i = 0; i < x.length; i++) {
            Parameter p = model.parameter(i);
            switch (p.constraint()) {
                case GAUSSIAN -> grad[i] += (x[i] - aux[i]) / (p.width() * p.width());
                case POISSON -> grad[i] += p.width() - aux[i] / x[i];
                default -> {
                }
            }
        }
    }
}
