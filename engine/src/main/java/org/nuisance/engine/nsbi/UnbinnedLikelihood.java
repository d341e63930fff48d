package org.nuisance.engine.nsbi;

import java.util.List;
import org.nuisance.engine.stats.Likelihood;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.util.Parallel;

/**
 * The extended unbinned likelihood of a mixture of processes on cached per-event terms:
 * <pre>
 *   -ln L(x) = sum_p nu_p(x) - sum_i w_i ln sum_p a_p(x) exp(ln r_p(e_i) + Delta_p(e_i) . m(u)) + constraints,
 *   a_p = nu_p / Z_p(u),   Z_p(u) = &lt;exp(Delta_p . m(u))&gt; over process p's nominal events,
 * </pre>
 * i.e. -2 ln L = 2 sum_p nu_p - 2 sum_i w_i ln sum_p nu_p f_p(e_i; theta) + constraints up to a
 * data-dependent constant (the reference density p_ref(e_i), which cancels in every difference), with
 * f_p = p_ref r_p exp(Delta_p . m) / Z_p. r_p = p_p / p_ref is the per-process density ratio and
 * Delta_p . m(u) the log-ratio of the shifted to the nominal density in GOLLUM's form (arXiv:2505.05544):
 * m(u) = (u_a; u_a u_b for a &lt;= b) over the shape parameters u. Z_p keeps f_p normalised; it is the
 * cumulant expansion ln Z_p = E[Delta_p] . m + m^T Cov[Delta_p] m / 2 over the process's nominal events
 * (exact when Delta . m is Gaussian, and free of the sampling noise a finite normalisation sample adds to
 * every likelihood call). Rates are
 * nu_p = Y_p * prod_j x_j (its normalisation factors, mu among them) * exp(c_p . m(u)), a smooth
 * interpolation of the exact shifted rates.
 * <p>
 * Per event and process the cache holds 1 + K float32 values (K monomials): 4 processes and 3 shape
 * parameters make 40 floats, 160 bytes per event. Value and analytic gradient in one pass over the
 * events on all cores (fixed chunks: bit-identical on any machine). Not thread-safe: one per thread.
 */
public final class UnbinnedLikelihood implements Likelihood {

    /**
     * One process of the mixture.
     *
     * @param name                the process name
     * @param yield               Y_p, the expected weight sum at nominal and all factors 1
     * @param factors             indices of the parameters that multiply the rate (mu for the signal, scales)
     * @param rateSlopes          c_p, one per monomial: ln(nu_p / nu_p(nominal shape)) = c_p . m(u)
     * @param deltaMean           E[Delta_p] over the process's nominal events (K), or null: Z_p = 1
     * @param deltaCov            Cov[Delta_p] (K x K row-major), or null with deltaMean
     */
    public record Process(String name, double yield, int[] factors, double[] rateSlopes, double[] deltaMean,
                          double[] deltaCov) {
    }

    private final List<Parameter> parameters;
    private final int poi;
    private final int[] shape;
    private final int k;
    private final Process[] processes;
    private final float[] terms;
    private final float[] weights;
    private final int n;
    private final int stride;
    // scratch
    private final double[] m;
    private final double[][] dm;
    private final double[] nu;
    private final double[] a;
    private final double[] invZ;
    private final double[][] dlnZ;
    private final double[][] partial;

    /**
     * @param shape   indices of the shape parameters u (alphas, nominal 0)
     * @param terms   per event i and process p the values (ln r_p, Delta_p[0..K)) at (i * P + p) * (1 + K)
     * @param weights event weights w_i (1 for data; Asimov or bootstrap weights otherwise)
     */
    public UnbinnedLikelihood(List<Parameter> parameters, int poi, int[] shape, List<Process> processes,
                              float[] terms, float[] weights) {
        this.parameters = List.copyOf(parameters);
        this.poi = poi;
        this.shape = shape.clone();
        this.k = monomials(shape.length);
        this.processes = processes.toArray(new Process[0]);
        this.stride = this.processes.length * (1 + k);
        if (terms.length % stride != 0 || terms.length / stride != weights.length) {
            throw new IllegalArgumentException(terms.length + " cached terms do not make " + weights.length
                    + " events of " + this.processes.length + " processes x " + (1 + k) + " values");
        }
        for (Process p : this.processes) {
            if (p.rateSlopes().length != k) {
                throw new IllegalArgumentException("process " + p.name() + ": " + p.rateSlopes().length
                        + " rate slopes for " + k + " monomials");
            }
        }
        this.terms = terms;
        this.weights = weights;
        this.n = weights.length;
        this.m = new double[k];
        this.dm = new double[shape.length][k];
        int np = this.processes.length;
        this.nu = new double[np];
        this.a = new double[np];
        this.invZ = new double[np];
        this.dlnZ = new double[np][k];
        this.partial = new double[Parallel.CHUNKS][np + np * k + 1];
    }

    /** Number of monomials m(u) of s shape parameters: s linear plus s (s + 1) / 2 quadratic. */
    public static int monomials(int s) {
        return s + s * (s + 1) / 2;
    }

    /** The monomials m(u) into out (length {@link #monomials}): u_a, then u_a u_b for a &lt;= b. */
    public static void monomials(double[] u, double[] out) {
        int s = u.length;
        int q = s;
        for (int i = 0; i < s; i++) {
            out[i] = u[i];
            for (int j = i; j < s; j++) {
                out[q++] = u[i] * u[j];
            }
        }
    }

    /** d m / d u_a into d[a][.]. */
    static void monomialDerivatives(double[] u, double[][] d) {
        int s = u.length;
        for (double[] row : d) {
            java.util.Arrays.fill(row, 0);
        }
        int q = s;
        for (int i = 0; i < s; i++) {
            d[i][i] = 1;
            for (int j = i; j < s; j++) {
                d[i][q] += u[j];
                d[j][q] += u[i];
                q++;
            }
        }
    }

    public int events() {
        return n;
    }

    /** Bytes held by the cached per-event terms and weights. */
    public long cacheBytes() {
        return 4L * terms.length + 4L * weights.length;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public int poi() {
        return poi;
    }

    @Override
    public double constant() {
        return 0;
    }

    @Override
    public boolean hessian(double[] x, double[][] h) {
        return false;
    }

    /** The expected weight sum of process p at x. */
    public double expected(int p, double[] x) {
        double[] u = new double[shape.length];
        for (int s = 0; s < u.length; s++) {
            u[s] = x[shape[s]];
        }
        double[] mm = new double[k];
        monomials(u, mm);
        return rate(processes[p], x, mm);
    }

    private static double rate(Process p, double[] x, double[] mm) {
        double v = p.yield();
        for (int j : p.factors()) {
            v *= x[j];
        }
        double e = 0;
        for (int q = 0; q < mm.length; q++) {
            e += p.rateSlopes()[q] * mm[q];
        }
        return v * Math.exp(e);
    }

    /** nu_p at x with factor j left out of the product. */
    private double rateWithout(Process p, double[] x, int j) {
        double v = p.yield();
        for (int f : p.factors()) {
            if (f != j) {
                v *= x[f];
            }
        }
        double e = 0;
        for (int q = 0; q < m.length; q++) {
            e += p.rateSlopes()[q] * m[q];
        }
        return v * Math.exp(e);
    }

    /** Z_p(u) by the cumulant expansion and, into dlnz, d ln Z_p / d m = E[Delta] + Cov[Delta] m. */
    private double normalisation(Process p, double[] dlnz) {
        java.util.Arrays.fill(dlnz, 0);
        double[] mean = p.deltaMean();
        if (mean == null) {
            return 1;
        }
        double[] cov = p.deltaCov();
        double lnZ = 0;
        for (int q = 0; q < k; q++) {
            double cm = 0;
            for (int r = 0; r < k; r++) {
                cm += cov[q * k + r] * m[r];
            }
            lnZ += mean[q] * m[q] + 0.5 * m[q] * cm;
            dlnz[q] = mean[q] + cm;
        }
        return Math.exp(lnZ);
    }

    /** E[Delta] and Cov[Delta] (row-major) of K-vectors (row-major) with weights. */
    public static double[][] moments(float[] deltas, float[] weights, int k) {
        double[] mean = new double[k];
        double[] cov = new double[k * k];
        double sw = 0;
        for (int j = 0; j < weights.length; j++) {
            sw += weights[j];
            for (int q = 0; q < k; q++) {
                mean[q] += weights[j] * deltas[j * k + q];
            }
        }
        for (int q = 0; q < k; q++) {
            mean[q] /= sw;
        }
        for (int j = 0; j < weights.length; j++) {
            for (int q = 0; q < k; q++) {
                double dq = deltas[j * k + q] - mean[q];
                for (int r = 0; r < k; r++) {
                    cov[q * k + r] += weights[j] * dq * (deltas[j * k + r] - mean[r]);
                }
            }
        }
        for (int q = 0; q < k * k; q++) {
            cov[q] /= sw;
        }
        return new double[][] {mean, cov};
    }

    @Override
    public double reducedNll(double[] x, double[] grad) {
        int np = processes.length;
        double[] u = new double[shape.length];
        for (int s = 0; s < u.length; s++) {
            u[s] = x[shape[s]];
        }
        monomials(u, m);
        monomialDerivatives(u, dm);
        double total = 0;
        for (int p = 0; p < np; p++) {
            nu[p] = rate(processes[p], x, m);
            if (!(nu[p] >= 0) || Double.isInfinite(nu[p])) {
                return Double.POSITIVE_INFINITY;
            }
            invZ[p] = 1 / normalisation(processes[p], dlnZ[p]);
            a[p] = nu[p] * invZ[p];
            total += nu[p];
        }
        boolean withGrad = grad != null;
        int chunks = Parallel.chunks(n);
        Parallel.forEachChunk(n, (c, from, to) -> eventSums(from, to, withGrad, partial[c]));
        // merge in chunk order: bit-identical whatever the thread count
        double[] sums = new double[partial[0].length];
        for (int c = 0; c < chunks; c++) {
            for (int q = 0; q < sums.length; q++) {
                sums[q] += partial[c][q];
            }
        }
        double logSum = sums[0];
        if (!Double.isFinite(logSum)) {
            return Double.POSITIVE_INFINITY;
        }
        double f = total - logSum;
        if (withGrad) {
            java.util.Arrays.fill(grad, 0);
            for (int p = 0; p < np; p++) {
                Process pr = processes[p];
                double aSum = sums[1 + p]; // sum_i w_i t_pi / s_i
                // through the factors: d nu_p / d x_j = nu_p without x_j (a product, so no division by x_j = 0)
                int[] fs = pr.factors();
                for (int fi = 0; fi < fs.length; fi++) {
                    int j = fs[fi];
                    double others = x[j] == 0 ? rateWithout(pr, x, j) : nu[p] / x[j];
                    grad[j] += others * (1 - aSum * invZ[p]);
                }
                // through the shape monomials
                for (int s = 0; s < shape.length; s++) {
                    double dlnNu = 0;
                    double dlnA = 0;
                    double dEvents = 0;
                    for (int q = 0; q < k; q++) {
                        double d = dm[s][q];
                        if (d != 0) {
                            dlnNu += pr.rateSlopes()[q] * d;
                            dlnA += (pr.rateSlopes()[q] - dlnZ[p][q]) * d;
                            dEvents += sums[1 + np + p * k + q] * d;
                        }
                    }
                    grad[shape[s]] += nu[p] * dlnNu - a[p] * aSum * dlnA - a[p] * dEvents;
                }
            }
        }
        for (int j = 0; j < parameters.size(); j++) {
            Parameter par = parameters.get(j);
            if (par.constraint() == Parameter.Constraint.GAUSSIAN) {
                double z = (x[j] - par.aux()) / par.width();
                f += 0.5 * z * z;
                if (withGrad) {
                    grad[j] += z / par.width();
                }
            } else if (par.constraint() == Parameter.Constraint.POISSON) {
                // Pois(aux | x tau) up to a constant: x tau - aux ln(x tau)
                double lam = x[j] * par.width();
                if (!(lam > 0)) {
                    return Double.POSITIVE_INFINITY;
                }
                f += lam - par.aux() * Math.log(lam);
                if (withGrad) {
                    grad[j] += par.width() - par.aux() / x[j];
                }
            }
        }
        return f;
    }

    /**
     * Over events [from, to): out[0] = sum w ln s, out[1 + p] = sum w t_p / s and
     * out[1 + P + p K + q] = sum w Delta_pq t_p / s (the latter without a_p, applied at the merge).
     */
    private void eventSums(int from, int to, boolean withGrad, double[] out) {
        int np = processes.length;
        int kk = k;
        int st = stride;
        float[] tm = terms;
        double[] mm = m;
        double[] aa = a;
        java.util.Arrays.fill(out, 0);
        double[] t = new double[np];
        double logSum = 0;
        for (int i = from; i < to; i++) {
            int base = i * st;
            double s = 0;
            for (int p = 0; p < np; p++) {
                int b = base + p * (1 + kk);
                double e = tm[b];
                for (int q = 0; q < kk; q++) {
                    e += tm[b + 1 + q] * mm[q];
                }
                double tp = Math.exp(e);
                t[p] = tp;
                s += aa[p] * tp;
            }
            double w = weights[i];
            if (w == 0) {
                continue;
            }
            logSum += w * Math.log(s);
            if (withGrad) {
                double ws = w / s;
                for (int p = 0; p < np; p++) {
                    double c = ws * t[p];
                    out[1 + p] += c;
                    if (kk > 0) {
                        int b = base + p * (1 + kk) + 1;
                        int o = 1 + np + p * kk;
                        for (int q = 0; q < kk; q++) {
                            out[o + q] += c * tm[b + q];
                        }
                    }
                }
            }
        }
        out[0] = logSum;
    }
}
