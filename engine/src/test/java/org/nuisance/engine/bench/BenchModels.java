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

    /**
     * The ATLAS-scale model of issue 15 at full size: 10 channels x 100 bins, 100 normsys, 100 histosys,
     * a staterror per bin and the POI mu (1201 parameters). See {@link #manyParameters}.
     */
    public static Workspace thousandParameters() {
        return manyParameters(10, 100);
    }

    /**
     * channels x bins with a signal (normfactor mu) and two backgrounds per channel; 100 asymmetric normsys
     * (hi lo != 1, so code1 has a kink at 0) and 100 asymmetric histosys (a tilt and a bump, hi - nom !=
     * nom - lo), each acting on backgrounds of two channels; one staterror per channel on both
     * backgrounds (5% + 1/sqrt(count)); observed counts one Gaussian-rounded Poisson draw (fixed seed) at
     * mu = 1 with every nuisance parameter at its nominal value. 1 + 200 + channels x bins parameters.
     */
    public static Workspace manyParameters(int channels, int bins) {
        SplittableRandom rng = new SplittableRandom(20261207);
        double[][] sig = new double[channels][bins];
        double[][] bkg1 = new double[channels][bins];
        double[][] bkg2 = new double[channels][bins];
        List<List<ModifierSpec>> mods1 = new ArrayList<>();
        List<List<ModifierSpec>> mods2 = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            double centre = 0.2 + 0.6 * c / Math.max(1, channels - 1);
            for (int b = 0; b < bins; b++) {
                double x = (b + 0.5) / bins;
                sig[c][b] = 15 * Math.exp(-0.5 * Math.pow((x - centre) / 0.08, 2));
                bkg1[c][b] = 400 * Math.exp(-(2 + 0.1 * c) * x) + 5;
                bkg2[c][b] = 60 + 20 * c * x;
            }
            mods1.add(new ArrayList<>());
            mods2.add(new ArrayList<>());
        }
        for (int k = 0; k < 100; k++) {
            double u = rng.nextDouble();
            ModifierSpec ns = ModifierSpec.normsys("ns" + k, 1.02 + 0.06 * u, 0.99 - 0.05 * rng.nextDouble());
            mods1.get(k % channels).add(ns);
            mods2.get((k / 10 + k) % channels).add(ns);
        }
        for (int k = 0; k < 100; k++) {
            int c1 = (k + 3) % channels;
            int c2 = (k / 10 + 7) % channels;
            double amp = 0.01 + 0.03 * rng.nextDouble();
            double skew = 0.5 + rng.nextDouble();
            for (int[] target : new int[][] {{c1, 1}, {c2, 2}}) {
                double[] nom = target[1] == 1 ? bkg1[target[0]] : bkg2[target[0]];
                double[] hi = new double[bins];
                double[] lo = new double[bins];
                double phase = 6.0 * (k % 7) / 7;
                for (int b = 0; b < bins; b++) {
                    double x = (b + 0.5) / bins;
                    double shape = amp * (k % 2 == 0 ? (x - 0.5) : Math.sin(3 * x + phase));
                    hi[b] = nom[b] * (1 + shape);
                    lo[b] = nom[b] * (1 - skew * shape);
                }
                (target[1] == 1 ? mods1 : mods2).get(target[0]).add(ModifierSpec.histosys("hs" + k, hi, lo));
            }
        }
        List<Channel> chs = new ArrayList<>();
        List<Observation> obs = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            double[] err1 = new double[bins];
            double[] err2 = new double[bins];
            double[] data = new double[bins];
            for (int b = 0; b < bins; b++) {
                err1[b] = 0.05 * bkg1[c][b] + Math.sqrt(bkg1[c][b]) * 0.3;
                err2[b] = 0.03 * bkg2[c][b];
                double nu = sig[c][b] + bkg1[c][b] + bkg2[c][b];
                data[b] = Math.max(0, Math.rint(nu + Math.sqrt(nu) * rng.nextGaussian()));
            }
            List<ModifierSpec> m1 = new ArrayList<>(mods1.get(c));
            m1.add(ModifierSpec.staterror("staterror_ch" + c, err1));
            List<ModifierSpec> m2 = new ArrayList<>(mods2.get(c));
            m2.add(ModifierSpec.staterror("staterror_ch" + c, err2));
            chs.add(new Channel("ch" + c, List.of(
                    new Sample("signal", sig[c], List.of(ModifierSpec.normfactor("mu"))),
                    new Sample("bkg1", bkg1[c], m1),
                    new Sample("bkg2", bkg2[c], m2))));
            obs.add(new Observation("ch" + c, data));
        }
        return new Workspace(chs, obs, List.of(new Measurement("bench", "mu", List.of())), "1.0.0");
    }
}
