package org.nuisance.engine.stats.histfactory;

import java.util.List;
import org.nuisance.engine.stats.Likelihood;
import org.nuisance.engine.stats.Parameter;

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
public final class BinnedLikelihood implements Likelihood {

    private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

    private final Model model;
    private final Data data;
    private final double[] nu;
    private final double[] factors;
    private JacobianPattern pattern;
    private double[][] lastHessian;
    private final double constant;
    private final double[] kinks;

    public BinnedLikelihood(Model model, Data data) {
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
        double[] k = new double[model.size()];
        java.util.Arrays.fill(k, Double.NaN);
        boolean any = false;
        for (Model.SampleTerm s : model.samples()) {
            for (Modifier[] mods : new Modifier[][] {s.additive(), s.multiplicative()}) {
                for (Modifier m : mods) {
                    double at = m.kink();
                    if (!Double.isNaN(at) && m.parameter(0) >= 0) {
                        k[m.parameter(0)] = at;
                        any = true;
                    }
                }
            }
        }
        this.kinks = any ? k : null;
    }

    /** normsys code1 and histosys code0 parameters have a kink at alpha = 0 (where hi and lo are asymmetric). */
    @Override
    public double[] kinks() {
        return kinks == null ? null : kinks.clone();
    }

    @Override
    public java.util.List<Parameter> parameters() {
        return model.parameters();
    }

    @Override
    public int poi() {
        return model.poi();
    }

    public Model model() {
        return model;
    }

    public Data data() {
        return data;
    }

    /** -ln L at x. */
    @Override
    public double nll(double[] x) {
        return constant + reducedNll(x, null);
    }

    /** -ln L minus a constant that depends only on the data: what the minimiser sees. */
    public double reducedNll(double[] x) {
        return reducedNll(x, null);
    }

    /** The constant that {@link #nll} adds to {@link #reducedNll}. */
    @Override
    public double constant() {
        return constant;
    }

    /**
     * The reduced -ln L at x, and its gradient into grad if grad is not null. Returns +infinity where an
     * expected count is negative, or zero with a non-zero observed count.
     */
    @Override
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

    /**
     * The exact Hessian of the reduced -ln L at x into h (n x n): the Poisson part
     * sum_b [n_b / nu_b^2 (d nu_b)(d nu_b)^T + (1 - n_b / nu_b) d^2 nu_b] plus the constraints' second
     * derivatives. Returns false where -ln L is not finite. h is overwritten; when it is the array of
     * this likelihood's previous call, only the entries that call could write are cleared (the Hessian's
     * pattern is fixed by which parameters share a bin), so callers reusing it must not write into it.
     */
    @Override
    public boolean hessian(double[] x, double[][] h) {
        if (!Double.isFinite(reducedNll(x, null))) {
            return false;
        }
        int n = x.length;
        JacobianPattern pat = pattern();
        if (h == lastHessian) {
            // only the entries the last call wrote can be non-zero
            for (int i = 0; i < n; i++) {
                double[] row = h[i];
                for (int j : pat.rowColumns[i]) {
                    row[j] = 0;
                }
            }
        } else {
            for (double[] row : h) {
                java.util.Arrays.fill(row, 0);
            }
        }
        lastHessian = h;
        double[] counts = data.counts();
        double[][] jac = pat.jac;
        for (double[] row : jac) {
            java.util.Arrays.fill(row, 0);
        }
        double[] f = factors;
        double[] f1 = new double[f.length];
        double[] f2 = new double[f.length];
        List<Model.SampleTerm> samples = model.samples();
        for (int si = 0; si < samples.size(); si++) {
            Model.SampleTerm s = samples.get(si);
            int nb = s.nominal().length;
            int off = s.offset();
            Modifier[] add = s.additive();
            Modifier[] mul = s.multiplicative();
            int[][] addPos = pat.addPos[si];
            int[][] mulPos = pat.mulPos[si];
            int m = mul.length;
            for (int b = 0; b < nb; b++) {
                int bin = off + b;
                double w = counts[bin] == 0 ? 1 : 1 - counts[bin] / nu[bin];
                double base = s.nominal()[b];
                for (Modifier a : add) {
                    base += a.value(b, x[a.parameter(b)]);
                }
                double prod = 1;
                boolean zero = false;
                for (int j = 0; j < m; j++) {
                    int p = mul[j].parameter(b);
                    f[j] = p >= 0 ? mul[j].value(b, x[p]) : 1;
                    f1[j] = p >= 0 ? mul[j].derivative(b, x[p]) : 0;
                    f2[j] = p >= 0 ? mul[j].secondDerivative(b, x[p]) : 0;
                    prod *= f[j];
                    zero |= f[j] == 0;
                }
                double[] jrow = jac[bin];
                for (int ai = 0; ai < add.length; ai++) {
                    Modifier a = add[ai];
                    int p = a.parameter(b);
                    double d1 = a.derivative(b, x[p]);
                    jrow[addPos[ai][b]] += d1 * prod;
                    h[p][p] += w * a.secondDerivative(b, x[p]) * prod;
                    for (int j = 0; j < m; j++) {
                        int q = mul[j].parameter(b);
                        if (q < 0) {
                            continue;
                        }
                        double others = zero ? productExcept(f, m, j, -1) : prod / f[j];
                        double v = w * d1 * f1[j] * others;
                        h[p][q] += v;
                        h[q][p] += v;
                    }
                }
                for (int j = 0; j < m; j++) {
                    int q = mul[j].parameter(b);
                    if (q < 0) {
                        continue;
                    }
                    double others = zero ? productExcept(f, m, j, -1) : prod / f[j];
                    jrow[mulPos[j][b]] += base * f1[j] * others;
                    h[q][q] += w * base * f2[j] * others;
                    if (w == 0 || f1[j] == 0) {
                        continue;
                    }
                    double[] hq = h[q];
                    for (int k = j + 1; k < m; k++) {
                        int r = mul[k].parameter(b);
                        if (r < 0 || f1[k] == 0) {
                            continue;
                        }
                        double rest = zero ? productExcept(f, m, j, k) : others / f[k];
                        double v = w * base * f1[j] * f1[k] * rest;
                        hq[r] += v;
                        h[r][q] += v;
                    }
                }
            }
        }
        // the Poisson part's outer products over each bin's few parameters (a compact Jacobian row)
        for (int bin = 0; bin < nu.length; bin++) {
            double c = counts[bin];
            if (c == 0) {
                continue;
            }
            double wt = c / (nu[bin] * nu[bin]);
            double[] jrow = jac[bin];
            int[] idx = pat.params[bin];
            int cnt = idx.length;
            for (int a = 0; a < cnt; a++) {
                double v = wt * jrow[a];
                if (v == 0) {
                    continue;
                }
                double[] hrow = h[idx[a]];
                for (int k = 0; k < cnt; k++) {
                    hrow[idx[k]] += v * jrow[k];
                }
            }
        }
        double[] aux = data.aux();
        for (int i = 0; i < n; i++) {
            Parameter p = model.parameter(i);
            switch (p.constraint()) {
                case GAUSSIAN -> h[i][i] += 1 / (p.width() * p.width());
                case POISSON -> h[i][i] += aux[i] / (x[i] * x[i]);
                default -> {
                }
            }
        }
        return true;
    }

    /**
     * Which parameters act on each bin (sorted, each once), and where each modifier's derivative goes in
     * a bin's compact Jacobian row: fixed by the model, found once.
     */
    private static final class JacobianPattern {
        final int[][] params;   // [bin] -> parameters acting on it
        final int[][][] addPos; // [sample][additive modifier][bin of the sample] -> position in params[bin]
        final int[][][] mulPos; // [sample][multiplicative modifier][bin] -> position, -1 where no parameter
        final double[][] jac;   // [bin][position]: d nu_bin / d params[bin][position], scratch
        final int[][] rowColumns; // [parameter] -> the columns its Hessian row can have non-zero

        JacobianPattern(Model model) {
            int bins = model.bins();
            java.util.List<java.util.TreeSet<Integer>> sets = new java.util.ArrayList<>();
            for (int b = 0; b < bins; b++) {
                sets.add(new java.util.TreeSet<>());
            }
            for (Model.SampleTerm s : model.samples()) {
                for (int b = 0; b < s.nominal().length; b++) {
                    for (Modifier[] mods : new Modifier[][] {s.additive(), s.multiplicative()}) {
                        for (Modifier m : mods) {
                            if (m.parameter(b) >= 0) {
                                sets.get(s.offset() + b).add(m.parameter(b));
                            }
                        }
                    }
                }
            }
            params = new int[bins][];
            jac = new double[bins][];
            for (int b = 0; b < bins; b++) {
                params[b] = sets.get(b).stream().mapToInt(Integer::intValue).toArray();
                jac[b] = new double[params[b].length];
            }
            int n = model.size();
            java.util.BitSet[] rows = new java.util.BitSet[n];
            for (int i = 0; i < n; i++) {
                rows[i] = new java.util.BitSet(n);
                rows[i].set(i);
            }
            for (int[] ps : params) {
                for (int i : ps) {
                    for (int j : ps) {
                        rows[i].set(j);
                    }
                }
            }
            rowColumns = new int[n][];
            for (int i = 0; i < n; i++) {
                rowColumns[i] = rows[i].stream().toArray();
            }
            List<Model.SampleTerm> samples = model.samples();
            addPos = new int[samples.size()][][];
            mulPos = new int[samples.size()][][];
            for (int si = 0; si < samples.size(); si++) {
                Model.SampleTerm s = samples.get(si);
                addPos[si] = positions(s, s.additive(), params);
                mulPos[si] = positions(s, s.multiplicative(), params);
            }
        }

        private static int[][] positions(Model.SampleTerm s, Modifier[] mods, int[][] params) {
            int nb = s.nominal().length;
            int[][] pos = new int[mods.length][nb];
            for (int j = 0; j < mods.length; j++) {
                for (int b = 0; b < nb; b++) {
                    int p = mods[j].parameter(b);
                    pos[j][b] = p < 0 ? -1 : java.util.Arrays.binarySearch(params[s.offset() + b], p);
                }
            }
            return pos;
        }
    }

    private JacobianPattern pattern() {
        if (pattern == null) {
            pattern = new JacobianPattern(model);
        }
        return pattern;
    }

    private static double productExcept(double[] f, int m, int skip1, int skip2) {
        double p = 1;
        for (int k = 0; k < m; k++) {
            if (k != skip1 && k != skip2) {
                p *= f[k];
            }
        }
        return p;
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
