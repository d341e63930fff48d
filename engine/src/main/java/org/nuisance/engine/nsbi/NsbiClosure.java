package org.nuisance.engine.nsbi;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.Systematics;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.toys.PseudoExperiments;

/**
 * Closure of a trained {@link NsbiModel}: at random truths drawn as the challenge's harness draws them (all
 * six nuisance parameters and mu), an independent demo sample (its own generator seed) is shifted exactly at
 * the truth and its weighted events (the expectation, no Poisson noise) are fitted. The pull
 * (mu-hat - mu) / sigma(mu) then measures the model's bias plus the independent sample's own finite size.
 */
public final class NsbiClosure {

    private NsbiClosure() {
    }

    /** Per-truth results and their summary. */
    public record Summary(double[] muTrue, double[] muHat, double[] sigma, double meanPull, double pullStandardError,
                          double meanAbsPull, double meanSigma) {
    }

    public static Summary run(NsbiModel model, int events, int truths, long seed, Consumer<String> log) {
        double[] muTrue = new double[truths];
        double[] muHat = new double[truths];
        double[] sigma = new double[truths];
        double sum = 0;
        double sum2 = 0;
        double abs = 0;
        double sig = 0;
        for (int t = 0; t < truths; t++) {
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + t);
            NuisanceValues truth = PseudoExperiments.draw(rng);
            EventTable sample = DemoGenerator.generate(events, rng.nextLong());
            EventTable data = Systematics.apply(sample, truth, rng.nextLong());
            long t0 = System.nanoTime();
            UnbinnedLikelihood like = model.likelihood(data);
            long t1 = System.nanoTime();
            FitResult r = new Fitter(like).fit();
            long t2 = System.nanoTime();
            muTrue[t] = truth.mu();
            muHat[t] = r.value("mu");
            sigma[t] = r.error("mu");
            double pull = (muHat[t] - muTrue[t]) / sigma[t];
            sum += pull;
            sum2 += pull * pull;
            abs += Math.abs(pull);
            sig += sigma[t];
            if (log != null) {
                log.accept(String.format(Locale.ROOT,
                        "truth %2d: mu %.3f tes %.4f jes %.4f soft_met %.3f -> mu-hat %.3f +- %.3f, pull %+.2f "
                                + "(networks %.1f s, fit %.2f s, %s)", t, truth.mu(), truth.tes(), truth.jes(),
                        truth.softMet(), muHat[t], sigma[t], pull, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                        r.converged() ? "converged" : "NOT converged"));
            }
        }
        double mean = sum / truths;
        double sd = truths > 1 ? Math.sqrt(Math.max(0, (sum2 - truths * mean * mean) / (truths - 1))) : Double.NaN;
        return new Summary(muTrue, muHat, sigma, mean, sd / Math.sqrt(truths), abs / truths, sig / truths);
    }
}
