package org.nuisance.engine.nsbi;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.higgsml.Systematics;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.ProfileScan;
import org.nuisance.engine.stats.toys.PseudoExperiments;

/**
 * The challenge's pseudo-experiments with the unbinned model: per pseudo-experiment, the truth (mu and the
 * six nuisance parameters) drawn as the harness draws them ({@link PseudoExperiments#draw}, from the same
 * per-index random stream as the binned run: the same truths), the test events shifted exactly at the
 * truth, a Poisson count per event with mean its weight (the harness's bootstrap), the networks evaluated on
 * the events with a non-zero count, and the 68% profile-likelihood interval of mu. Pseudo-experiments run one
 * after another: the network evaluation already uses the cores.
 */
public final class NsbiPseudoExperiments {

    private NsbiPseudoExperiments() {
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Pseudo-experiments first ... first + count - 1 of the run with this seed on the test events (raw, before
     * shifts); timing (if not null, length 3) receives the seconds spent shifting and bootstrapping, evaluating
     * the networks, and fitting with the profile interval.
     */
    public static PseudoExperiments.Summary run(NsbiModel model, EventTable test, int first, int count, long seed,
                                                Consumer<String> log, double[] timing) {
        long t0 = System.nanoTime();
        PreparedEvents prepared = PreparedEvents.of(test);
        List<PseudoExperiments.Toy> toys = new ArrayList<>();
        double tShift = 0;
        double tNet = 0;
        double tFit = 0;
        for (int t = first; t < first + count; t++) {
            SplittableRandom rng = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + t));
            NuisanceValues truth = PseudoExperiments.draw(rng);
            long bootSeed = rng.nextLong();
            long a = System.nanoTime();
            EventTable shifted = Systematics.apply(prepared, truth, seed);
            SplittableRandom boot = new SplittableRandom(bootSeed);
            float[] w = shifted.weights();
            int[] keep = new int[w.length];
            float[] counts = new float[w.length];
            int kept = 0;
            for (int i = 0; i < w.length; i++) {
                int c = poisson(Math.abs(w[i]), boot);
                if (c != 0) {
                    counts[kept] = w[i] < 0 ? -c : c;
                    keep[kept++] = i;
                }
            }
            EventTable data = shifted.selectRows(keep, kept);
            float[] weights = java.util.Arrays.copyOf(counts, kept);
            long b = System.nanoTime();
            UnbinnedLikelihood like = model.likelihood(model.terms(data), weights);
            long c = System.nanoTime();
            Fitter fitter = new Fitter(like);
            ProfileScan scan = new ProfileScan(fitter, like.poi(), new int[0]);
            double[] iv = scan.interval(ProfileScan.LEVEL_68, 0.3);
            boolean bounded = Double.isNaN(iv[0]) || Double.isNaN(iv[1]);
            double p16 = Double.isNaN(iv[0]) ? like.parameter(like.poi()).lo() : iv[0];
            double p84 = Double.isNaN(iv[1]) ? like.parameter(like.poi()).hi() : iv[1];
            PseudoExperiments.Toy toy = new PseudoExperiments.Toy(truth.mu(), scan.best(), p16, p84, bounded);
            long d = System.nanoTime();
            tShift += (b - a) / 1e9;
            tNet += (c - b) / 1e9;
            tFit += (d - c) / 1e9;
            toys.add(toy);
            if (log != null) {
                log.accept(String.format(java.util.Locale.ROOT,
                        "toy %d: mu %.3f -> %.3f [%.3f, %.3f]%s (events %d; shift+bootstrap %.1f s, networks %.1f s, "
                                + "fit+interval %.1f s)", t, truth.mu(), toy.muHat(), p16, p84, toy.covers() ? "" : " MISSES",
                        kept, (b - a) / 1e9, (c - b) / 1e9, (d - c) / 1e9));
            }
        }
        if (timing != null) {
            timing[0] = tShift;
            timing[1] = tNet;
            timing[2] = tFit;
        }
        return PseudoExperiments.summarise(toys, (System.nanoTime() - t0) / 1e9);
    }

    /** Poisson(lambda) by inversion (the event weights' means are of order 1 or below). */
    static int poisson(double lambda, SplittableRandom rng) {
        if (lambda <= 0) {
            return 0;
        }
        double u = rng.nextDouble();
        int k = 0;
        double p = Math.exp(-lambda);
        double cdf = p;
        while (u > cdf && k < 1000) {
            k++;
            p *= lambda / k;
            cdf += p;
        }
        return k;
    }
}
