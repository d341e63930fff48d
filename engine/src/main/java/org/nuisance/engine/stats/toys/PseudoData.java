package org.nuisance.engine.stats.toys;

import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;
import org.nuisance.engine.stats.histfactory.Data;
import org.nuisance.engine.stats.histfactory.Model;

/** Datasets generated from a binned model at a parameter point, with the auxiliary data at nominal. */
public final class PseudoData {

    private PseudoData() {
    }

    /** The expected counts themselves (Asimov main measurement). */
    public static Data asimov(Model model, double[] x) {
        return model.dataWith(model.expected(x));
    }

    /** One Poisson draw per bin around the expected counts (seeded). */
    public static Data poisson(Model model, double[] x, long seed) {
        double[] nu = model.expected(x);
        RandomDataGenerator rng = RandomDataGenerator.of(new Well19937c(seed));
        double[] n = new double[nu.length];
        for (int b = 0; b < n.length; b++) {
            n[b] = nu[b] > 0 ? rng.nextPoisson(nu[b]) : 0;
        }
        return model.dataWith(n);
    }
}
