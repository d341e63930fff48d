package org.nuisance.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.histfactory.Workspace.Channel;
import org.nuisance.engine.stats.histfactory.Workspace.Measurement;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.Observation;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/** Benchmark workloads: a 50-bin model with a signal strength and 6 nuisance parameters. */
public final class BenchModels {

    private BenchModels() {
    }

    /**
     * 50 bins; a Gaussian signal peak (normfactor mu) over three falling backgrounds; 3 normsys (one per
     * background) and 3 histosys (a scale-like shift, a tilt, a width change); observed counts one
     * Poisson draw (fixed seed) at mu = 1.2.
     */
    public static Model fiftyBinSixNp() {
        int bins = 50;
        double[] sig = new double[bins];
        double[][] bkg = new double[3][bins];
        for (int b = 0; b < bins; b++) {
            double x = (b + 0.5) / bins;
            sig[b] = 40 * Math.exp(-0.5 * Math.pow((x - 0.5) / 0.06, 2));
            bkg[0][b] = 900 * Math.exp(-2.5 * x);
            bkg[1][b] = 300 * (1 - 0.6 * x);
            bkg[2][b] = 80 * Math.exp(-0.5 * Math.pow((x - 0.3) / 0.2, 2));
        }
        List<Sample> samples = new ArrayList<>();
        samples.add(new Sample("signal", sig, List.of(ModifierSpec.normfactor("mu"))));
        for (int k = 0; k < 3; k++) {
            double[] hi = new double[bins];
            double[] lo = new double[bins];
            for (int b = 0; b < bins; b++) {
                double x = (b + 0.5) / bins;
                double shape = switch (k) {
                    case 0 -> 0.05 * (x - 0.5);
                    case 1 -> 0.03 * Math.sin(6 * x);
                    default -> 0.08 * (x - 0.3) * (x - 0.3) - 0.01;
                };
                hi[b] = bkg[k][b] * (1 + shape);
                lo[b] = bkg[k][b] * (1 - 0.8 * shape);
            }
            samples.add(new Sample("bkg" + k, bkg[k], List.of(ModifierSpec.normsys("norm" + k, 1 + 0.05 * (k + 1),
                    1 - 0.04 * (k + 1)), ModifierSpec.histosys("shape" + k, hi, lo))));
        }
        SplittableRandom rng = new SplittableRandom(12345);
        double[] obs = new double[bins];
        for (int b = 0; b < bins; b++) {
            double nu = 1.2 * sig[b] + bkg[0][b] + bkg[1][b] + bkg[2][b];
            obs[b] = Math.max(0, Math.rint(nu + Math.sqrt(nu) * rng.nextGaussian()));
        }
        Workspace ws = new Workspace(List.of(new Channel("sr", samples)), List.of(new Observation("sr", obs)),
                List.of(new Measurement("bench", "mu", List.of())), "1.0.0");
        return Model.of(ws);
    }
}
