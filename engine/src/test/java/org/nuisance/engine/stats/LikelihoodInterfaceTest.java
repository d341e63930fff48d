package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.ProfileScan;

/**
 * The fitter and the profile scan work on any {@link Likelihood}, not only the binned model: an
 * unbinned Gaussian mean measurement has the closed-form answers mu-hat = sample mean and
 * sigma(mu-hat) = sigma / sqrt(n), and its 68% profile interval is mean +- sigma / sqrt(n).
 */
class LikelihoodInterfaceTest {

    /** -ln L(mu) = sum_i (x_i - mu)^2 / (2 sigma^2), unbinned over events x_i. */
    private record GaussianMean(double[] x, double sigma) implements Likelihood {
        @Override
        public List<Parameter> parameters() {
            return List.of(new Parameter("mu", "mu", "normfactor", 0, -10, 10, false, Parameter.Constraint.NONE,
                    Double.NaN, Double.NaN));
        }

        @Override
        public int poi() {
            return 0;
        }

        @Override
        public double reducedNll(double[] p, double[] grad) {
            double f = 0;
            double g = 0;
            for (double v : x) {
                double d = (v - p[0]) / sigma;
                f += 0.5 * d * d;
                g -= d / sigma;
            }
            if (grad != null) {
                grad[0] = g;
            }
            return f;
        }

        @Override
        public boolean hessian(double[] p, double[][] h) {
            h[0][0] = x.length / (sigma * sigma);
            return true;
        }

        @Override
        public double constant() {
            return 0;
        }
    }

    @Test
    void unbinnedGaussianMeanFitsToSampleMeanWithSigmaOverRootN() {
        Random rng = new Random(7);
        double[] x = new double[400];
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = 1.3 + 2.0 * rng.nextGaussian();
            mean += x[i] / x.length;
        }
        GaussianMean like = new GaussianMean(x, 2.0);
        FitResult r = new Fitter(like).fit();
        assertEquals(mean, r.value("mu"), 1e-7);
        assertEquals(2.0 / Math.sqrt(400), r.error("mu"), 1e-9);

        ProfileScan scan = new ProfileScan(new Fitter(like), 0, new int[0]);
        double[] iv = scan.interval(ProfileScan.LEVEL_68, 0.1);
        assertEquals(mean - 0.1, iv[0], 1e-6);
        assertEquals(mean + 0.1, iv[1], 1e-6);
    }
}
