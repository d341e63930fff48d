package org.nuisance.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nuisance.engine.nsbi.NsbiModel;
import org.nuisance.engine.nsbi.UnbinnedLikelihood;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The unbinned NSBI likelihood on 1M events with the demo's four processes and three shape parameters
 * (40 cached float32 terms per event, 164 bytes with the weight): one value + analytic gradient (target
 * <= 20 ms on 2 cores) and one fit with errors from the model's initial values (target <= 1 s). The terms
 * are synthetic (ln r ~ N(0, 0.5), Delta ~ N(0, 0.01)): the cost does not depend on their values.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NsbiLikelihood1MEventsBenchmark {

    static final int EVENTS = 1_000_000;
    UnbinnedLikelihood likelihood;
    double[] x;
    double[] grad;

    /** The synthetic likelihood (also used by the fit test of its size). */
    public static UnbinnedLikelihood synthetic(int events, long seed) {
        int np = 4;
        int k = UnbinnedLikelihood.monomials(3);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] terms = new float[events * np * (1 + k)];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = (float) ((i % (1 + k) == 0 ? 0.5 : 0.01) * rng.nextGaussian());
        }
        double[] yields = {1.0e3, 1.0e6, 4.1e4, 6.3e3};
        String[] names = {"htautau", "ztautau", "ttbar", "diboson"};
        int[][] factors = {{0}, {6}, {4, 6}, {5, 6}};
        double total = 0;
        for (double y : yields) {
            total += y;
        }
        float[] w = new float[events];
        java.util.Arrays.fill(w, (float) (total / events));
        List<UnbinnedLikelihood.Process> ps = new ArrayList<>();
        for (int p = 0; p < np; p++) {
            float[] nd = new float[2000 * k];
            float[] nw = new float[2000];
            for (int j = 0; j < nw.length; j++) {
                nw[j] = 1f;
                for (int q = 0; q < k; q++) {
                    nd[j * k + q] = (float) (0.01 * rng.nextGaussian());
                }
            }
            double[][] mom = UnbinnedLikelihood.moments(nd, nw, k);
            ps.add(new UnbinnedLikelihood.Process(names[p], yields[p], factors[p], new double[k], mom[0], mom[1]));
        }
        return new UnbinnedLikelihood(NsbiModel.parameters(), 0, new int[] {1, 2, 3}, ps, terms, w);
    }

    @Setup
    public void setup() {
        likelihood = synthetic(EVENTS, 5);
        x = new double[] {1.1, 0.3, -0.2, 0.1, 1.01, 0.9, 1.0};
        grad = new double[x.length];
    }

    @Benchmark
    public double valueAndGradient() {
        return likelihood.reducedNll(x, grad);
    }

    @Benchmark
    public FitResult fitWithErrors() {
        return new Fitter(likelihood).fit();
    }
}
