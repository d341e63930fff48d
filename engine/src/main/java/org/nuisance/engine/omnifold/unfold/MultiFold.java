package org.nuisance.engine.omnifold.unfold;

import java.util.concurrent.CancellationException;

/**
 * OmniFold's iteration (Andreassen, Komiske, Metodiev, Nachman, Thaler, PRL 124 (2020) 182001; the
 * public {@code omnifold} package's MultiFold) on all observables at once, with a pluggable
 * {@link Reweighter}. With prior weights w (weight_mc, times a bootstrap factor) and push weights
 * ν (1 at the start), each iteration:
 * <ol>
 *   <li><b>step 1</b>: data (minus background, weighted negative) against reco-level simulation
 *       weighted ν·w, over the events that pass the reco selection: pull ω = ν · r(x_reco);</li>
 *   <li><b>step 1b</b> (efficiency): events that pass the generator selection but not the reco one
 *       have no reco value; they get ω = ν · r'(x_gen), r' the ratio of ω·w to ν·w at generator level
 *       over the events that pass both (the mean pull of reconstructed events with that truth);</li>
 *   <li><b>step 2</b>: generator-level simulation weighted ω·w against the same weighted w (the
 *       prior), over the events that pass the generator selection: new push ν = r(x_gen);</li>
 *   <li><b>step 2b</b> (fakes): events that pass reco but not the generator selection have no truth
 *       to learn from; their push is the ratio of sums Σω·w / Σw over the fakes, so the fake rate is
 *       fitted to the data while its shape stays the simulation's.</li>
 * </ol>
 * The unfolded distribution is the generator-level simulation (pass_gen) weighted ν·w. With
 * {@link HistogramReweighter} every step is a ratio of histograms and this equals D'Agostini's
 * iteration with the fakes as one more truth bin ({@link Ibu}); MultiFoldTest checks it.
 */
public final class MultiFold {

    /** What a run reports as it goes; called on the running thread. */
    @FunctionalInterface
    public interface Progress {
        /** @param step "1", "1b", "2" or "2b"; seconds is the step's wall time; events the step's training events */
        void onStep(int iteration, String step, double seconds, int events);

        Progress NONE = (i, s, t, n) -> { };
    }

    /**
     * @param push       final push weights ν per simulated event (the unfolded weight is ν · prior)
     * @param prior      the prior weights used (weight_mc times the bootstrap factor)
     * @param pullByIter the pull weights ω of each iteration (for closure plots: reco simulation weighted ω·w vs data)
     */
    public record Result(double[] push, double[] prior, double[][] pullByIter) {

        /** Unfolded weight per simulated event: ν · w (0 for events failing the generator selection). */
        public double[] unfoldedWeights(boolean[] passGen) {
            double[] u = new double[push.length];
            for (int i = 0; i < u.length; i++) {
                u[i] = passGen[i] ? push[i] * prior[i] : 0;
            }
            return u;
        }
    }

    private MultiFold() {
    }

    /**
     * @param dataFactor per-event factors on the data weights (Poisson draws of a data bootstrap), or null
     * @param mcFactor   per-event factors on the prior weights (a simulation bootstrap), or null
     * @param seed       the fits' seeds derive from it, the iteration and the step
     */
    public static Result run(UnfoldingInputs in, double[] dataFactor, double[] mcFactor, int iterations,
                             Reweighter reweighter, long seed, Progress progress) {
        return run(in, dataFactor, mcFactor, iterations, reweighter, seed, progress, false);
    }

    /**
     * @param incremental step 2 learns the ratio of ω·w to the previous push ν·w and multiplies ν by it,
     *                    instead of learning ω·w against the prior w from scratch. Both give ν_new(t) =
     *                    ν(t) E[r(x_reco) | t] for exact ratios (ν is a function of t), and the same numbers
     *                    with histograms (IBU); with networks the increment is close to 1 and both classes are
     *                    populated where the unfolded distribution is, so it is learned far better than the full
     *                    ratio to the prior, which is large where the prior has few events.
     */
    public static Result run(UnfoldingInputs in, double[] dataFactor, double[] mcFactor, int iterations,
                             Reweighter reweighter, long seed, Progress progress, boolean incremental) {
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be >= 1, got " + iterations);
        }
        int n = in.mcEvents();
        boolean[] passReco = in.passReco();
        boolean[] passGen = in.passGen();
        double[] prior = new double[n];
        for (int i = 0; i < n; i++) {
            prior[i] = in.mcWeight()[i] * (mcFactor == null ? 1 : mcFactor[i]);
        }
        int[] reco = select(passReco, null, true);
        int[] gen = select(passGen, null, true);
        int[] both = select(passReco, passGen, true);
        int[] missed = selectMissed(passGen, passReco);
        int[] fakes = selectMissed(passReco, passGen);

        // step-1 class 1: data, then background with negative weights
        int nd = in.dataEvents();
        int nb = in.bkgWeight().length;
        int d = in.dimensions();
        float[][] x1 = new float[d][nd + nb];
        double[] w1 = new double[nd + nb];
        for (int k = 0; k < d; k++) {
            System.arraycopy(in.dataReco()[k], 0, x1[k], 0, nd);
            System.arraycopy(in.bkgReco()[k], 0, x1[k], nd, nb);
        }
        for (int i = 0; i < nd; i++) {
            w1[i] = in.dataWeight()[i] * (dataFactor == null ? 1 : dataFactor[i]);
        }
        for (int i = 0; i < nb; i++) {
            w1[nd + i] = -in.bkgWeight()[i];
        }
        float[][] recoX = gather(in.mcReco(), reco);
        float[][] genX = gather(in.mcGen(), gen);
        float[][] bothGenX = gather(in.mcGen(), both);
        float[][] missedGenX = gather(in.mcGen(), missed);

        double[] push = new double[n];
        java.util.Arrays.fill(push, 1.0);
        double[] pull = new double[n];
        double[][] pulls = new double[iterations][];
        for (int it = 1; it <= iterations; it++) {
            checkCancelled();
            long t0 = System.nanoTime();
            double[] w0 = new double[reco.length];
            for (int k = 0; k < reco.length; k++) {
                w0[k] = push[reco[k]] * prior[reco[k]];
            }
            double[] r = reweighter.ratio(x1, w1, recoX, w0, recoX, stepSeed(seed, it, 1), label(it, "1"));
            System.arraycopy(push, 0, pull, 0, n);
            for (int k = 0; k < reco.length; k++) {
                pull[reco[k]] = push[reco[k]] * r[k];
            }
            progress.onStep(it, "1", (System.nanoTime() - t0) / 1e9, w1.length + w0.length);

            if (missed.length > 0 && both.length > 0) {
                checkCancelled();
                t0 = System.nanoTime();
                double[] a = new double[both.length];
                double[] b = new double[both.length];
                for (int k = 0; k < both.length; k++) {
                    int e = both[k];
                    a[k] = pull[e] * prior[e];
                    b[k] = push[e] * prior[e];
                }
                double[] r1b = reweighter.ratio(bothGenX, a, bothGenX, b, missedGenX, stepSeed(seed, it, 2),
                        label(it, "1b"));
                for (int k = 0; k < missed.length; k++) {
                    pull[missed[k]] = push[missed[k]] * r1b[k];
                }
                progress.onStep(it, "1b", (System.nanoTime() - t0) / 1e9, 2 * both.length);
            }
            pulls[it - 1] = pull.clone();

            checkCancelled();
            t0 = System.nanoTime();
            double[] a = new double[gen.length];
            double[] b = new double[gen.length];
            for (int k = 0; k < gen.length; k++) {
                int e = gen[k];
                a[k] = pull[e] * prior[e];
                b[k] = incremental ? push[e] * prior[e] : prior[e];
            }
            double[] r2 = reweighter.ratio(genX, a, genX, b, genX, stepSeed(seed, it, 3), label(it, "2"));
            for (int k = 0; k < gen.length; k++) {
                push[gen[k]] = incremental ? push[gen[k]] * r2[k] : r2[k];
            }
            progress.onStep(it, "2", (System.nanoTime() - t0) / 1e9, 2 * gen.length);

            if (fakes.length > 0) {
                double num = 0;
                double den = 0;
                for (int e : fakes) {
                    num += pull[e] * prior[e];
                    den += prior[e];
                }
                double f = den > 0 ? num / den : 1;
                for (int e : fakes) {
                    push[e] = f;
                }
                progress.onStep(it, "2b", 0, fakes.length);
            }
        }
        return new Result(push, prior, pulls);
    }

    /** A distinct, reproducible seed per (run, iteration, step): SplitMix64 of the three. */
    static long stepSeed(long seed, int iteration, int step) {
        return mix(mix(seed) + 31L * iteration + step);
    }

    /** SplitMix64's finaliser: a well-spread 64-bit hash. */
    public static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String label(int it, String step) {
        return "iteration " + it + " step " + step;
    }

    private static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("unfolding cancelled");
        }
    }

    private static int[] select(boolean[] a, boolean[] b, boolean value) {
        int c = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == value && (b == null || b[i] == value)) {
                c++;
            }
        }
        int[] idx = new int[c];
        c = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == value && (b == null || b[i] == value)) {
                idx[c++] = i;
            }
        }
        return idx;
    }

    /** Events with has[i] and not lacks[i]. */
    private static int[] selectMissed(boolean[] has, boolean[] lacks) {
        int c = 0;
        for (int i = 0; i < has.length; i++) {
            if (has[i] && !lacks[i]) {
                c++;
            }
        }
        int[] idx = new int[c];
        c = 0;
        for (int i = 0; i < has.length; i++) {
            if (has[i] && !lacks[i]) {
                idx[c++] = i;
            }
        }
        return idx;
    }

    static float[][] gather(float[][] cols, int[] rows) {
        float[][] out = new float[cols.length][rows.length];
        for (int k = 0; k < cols.length; k++) {
            for (int j = 0; j < rows.length; j++) {
                out[k][j] = cols[k][rows[j]];
            }
        }
        return out;
    }
}
