package org.nuisance.engine.omnifold.unfold;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import org.nuisance.engine.omnifold.OmniFoldTable;

/**
 * Toy inputs with known truths, in the unfolding's input layout ({@link UnfoldingInputs}).
 * <ul>
 *   <li><b>gaussian</b>: the OmniFold demonstrations' toy. Observable {@code x}; simulation truth
 *       N(mcMean, mcSigma) = N(0.2, 0.8), data truth N(dataMean, dataSigma) = N(0, 1), reco = truth
 *       plus Gaussian smearing of sd {@code smearing} = 0.5; every event passes; unit weights.</li>
 *   <li><b>zjets</b>: a Z+jets-like toy with four correlated observables: pT_ll [GeV] = 10 +
 *       Exp(30) (data Exp(34)), y_ll ~ N(0, 1.0) (data 1.1), pT_j1 = pT_ll (0.7 + 0.2 u) + Exp(10),
 *       N_ch ~ Poisson(8 + pT_ll / 10) (data 9 + ...). Resolutions 4% (pT_ll), 0.05 (y_ll), 10% (pT_j1);
 *       N_ch_reco = Binomial(N_ch, 0.9) + Poisson(0.5). Fiducial (pass_gen): pT_ll > 25, |y_ll| < 2;
 *       reco (pass_reco): the same cuts on reco values and a trigger/identification efficiency
 *       0.6 + 0.3 tanh((pT_ll_reco - 25) / 20), so there are efficiency losses and fakes (migrations
 *       across the cuts). A background (pT_ll = 25 + Exp(60), y_ll ~ N(0, 1.5), pT_j1 = 30 + Exp(80),
 *       N_ch ~ Poisson(15)) adds 5% to the data and is written, twice as many events at weight 0.5,
 *       to background.parquet.</li>
 * </ul>
 * The data file holds only what a detector records: the events that pass reco, with unit weights.
 */
public final class ToyGenerator {

    /** Which toy. */
    public enum Kind { GAUSSIAN, ZJETS }

    /** The Gaussian toy's parameters. */
    public record Gaussian(double dataMean, double dataSigma, double mcMean, double mcSigma, double smearing) {
        public static final Gaussian DEMO = new Gaussian(0, 1, 0.2, 0.8, 0.5);

        public Gaussian {
            if (!(dataSigma > 0) || !(mcSigma > 0) || !(smearing >= 0)) {
                throw new IllegalArgumentException("toy widths must be positive (smearing >= 0): data-sigma " + dataSigma
                        + ", mc-sigma " + mcSigma + ", smearing " + smearing);
            }
        }
    }

    /** The files of one toy: data, simulation, and (zjets) background. */
    public record Toy(OmniFoldTable data, OmniFoldTable mc, OmniFoldTable background) {
    }

    public static final List<String> ZJETS_OBSERVABLES = List.of("pT_ll", "y_ll", "pT_j1", "N_ch");

    private ToyGenerator() {
    }

    public static Toy gaussian(int events, long seed, Gaussian p) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom dr = root.split();
        SplittableRandom mr = root.split();
        float[] data = new float[events];
        float[] gen = new float[events];
        float[] reco = new float[events];
        float[] w = new float[events];
        for (int i = 0; i < events; i++) {
            data[i] = (float) (p.dataMean() + p.dataSigma() * gauss(dr) + p.smearing() * gauss(dr));
            double t = p.mcMean() + p.mcSigma() * gauss(mr);
            gen[i] = (float) t;
            reco[i] = (float) (t + p.smearing() * gauss(mr));
            w[i] = 1f;
        }
        LinkedHashMap<String, float[]> d = new LinkedHashMap<>();
        d.put("x", data);
        LinkedHashMap<String, float[]> m = new LinkedHashMap<>();
        m.put("x_reco", reco);
        m.put("x_gen", gen);
        m.put(UnfoldingInputs.MC_WEIGHT, w);
        return new Toy(new OmniFoldTable("data.parquet", events, d, List.of()),
                new OmniFoldTable("mc.parquet", events, m, List.of()), null);
    }

    /**
     * @param asData true: the data follow the simulation's truth (a closure test, no background in the data)
     */
    public static Toy zjets(int events, long seed, boolean closure) {
        SplittableRandom root = new SplittableRandom(seed);
        Events mc = zjetsEvents(root.split(), events, false);
        Events dt = zjetsEvents(root.split(), events, !closure);
        int nb = closure ? 0 : (int) Math.round(0.05 * count(dt.passReco));
        Events bkgInData = backgroundEvents(root.split(), nb);
        Events bkgSim = backgroundEvents(root.split(), 2 * nb);
        int nd = count(dt.passReco);
        LinkedHashMap<String, float[]> d = new LinkedHashMap<>();
        for (int k = 0; k < 4; k++) {
            float[] v = new float[nd + nb];
            int j = 0;
            for (int i = 0; i < events; i++) {
                if (dt.passReco[i]) {
                    v[j++] = dt.reco[k][i];
                }
            }
            System.arraycopy(bkgInData.reco[k], 0, v, nd, nb);
            d.put(ZJETS_OBSERVABLES.get(k), v);
        }
        float[] dw = new float[nd + nb];
        java.util.Arrays.fill(dw, 1f);
        d.put(UnfoldingInputs.DATA_WEIGHT, dw);
        LinkedHashMap<String, float[]> m = new LinkedHashMap<>();
        for (int k = 0; k < 4; k++) {
            m.put(ZJETS_OBSERVABLES.get(k) + UnfoldingInputs.RECO_SUFFIX, mc.reco[k]);
            m.put(ZJETS_OBSERVABLES.get(k) + UnfoldingInputs.GEN_SUFFIX, mc.gen[k]);
        }
        float[] mw = new float[events];
        java.util.Arrays.fill(mw, 1f);
        m.put(UnfoldingInputs.MC_WEIGHT, mw);
        m.put(UnfoldingInputs.PASS_RECO, flags(mc.passReco));
        m.put(UnfoldingInputs.PASS_GEN, flags(mc.passGen));
        OmniFoldTable bkg = null;
        if (!closure) {
            LinkedHashMap<String, float[]> b = new LinkedHashMap<>();
            for (int k = 0; k < 4; k++) {
                b.put(ZJETS_OBSERVABLES.get(k), bkgSim.reco[k]);
            }
            float[] bw = new float[2 * nb];
            java.util.Arrays.fill(bw, 0.5f);
            b.put(UnfoldingInputs.DATA_WEIGHT, bw);
            bkg = new OmniFoldTable("background.parquet", 2 * nb, b, List.of());
        }
        return new Toy(new OmniFoldTable("data.parquet", nd + nb, d, List.of()),
                new OmniFoldTable("mc.parquet", events, m, List.of()), bkg);
    }

    /** Writes DIR/data.parquet, DIR/mc.parquet and, when there is one, DIR/background.parquet. */
    public static void write(Toy toy, Path dir) {
        TableFiles.write(toy.data(), dir.resolve("data.parquet"));
        TableFiles.write(toy.mc(), dir.resolve("mc.parquet"));
        if (toy.background() != null) {
            TableFiles.write(toy.background(), dir.resolve("background.parquet"));
        }
    }

    private record Events(float[][] gen, float[][] reco, boolean[] passGen, boolean[] passReco) {
    }

    private static Events zjetsEvents(SplittableRandom r, int n, boolean data) {
        float[][] gen = new float[4][n];
        float[][] reco = new float[4][n];
        boolean[] pg = new boolean[n];
        boolean[] pr = new boolean[n];
        double slope = data ? 34 : 30;
        double ySigma = data ? 1.1 : 1.0;
        double nch0 = data ? 9 : 8;
        for (int i = 0; i < n; i++) {
            double pt = 10 + slope * -Math.log(1 - r.nextDouble());
            double y = ySigma * gauss(r);
            double j1 = pt * (0.7 + 0.2 * r.nextDouble()) + 10 * -Math.log(1 - r.nextDouble());
            int nch = poisson(r, nch0 + pt / 10);
            gen[0][i] = (float) pt;
            gen[1][i] = (float) y;
            gen[2][i] = (float) j1;
            gen[3][i] = nch;
            double ptR = pt * (1 + 0.04 * gauss(r));
            double yR = y + 0.05 * gauss(r);
            double j1R = j1 * (1 + 0.1 * gauss(r));
            int kept = 0;
            for (int t = 0; t < nch; t++) {
                if (r.nextDouble() < 0.9) {
                    kept++;
                }
            }
            reco[0][i] = (float) ptR;
            reco[1][i] = (float) yR;
            reco[2][i] = (float) j1R;
            reco[3][i] = kept + poisson(r, 0.5);
            pg[i] = pt > 25 && Math.abs(y) < 2;
            double eff = 0.6 + 0.3 * Math.tanh((ptR - 25) / 20);
            pr[i] = ptR > 25 && Math.abs(yR) < 2 && r.nextDouble() < eff;
        }
        return new Events(gen, reco, pg, pr);
    }

    private static Events backgroundEvents(SplittableRandom r, int n) {
        float[][] reco = new float[4][n];
        for (int i = 0; i < n; i++) {
            reco[0][i] = (float) (25 + 60 * -Math.log(1 - r.nextDouble()));
            reco[1][i] = (float) Math.max(-1.99, Math.min(1.99, 1.5 * gauss(r)));
            reco[2][i] = (float) (30 + 80 * -Math.log(1 - r.nextDouble()));
            reco[3][i] = poisson(r, 15);
        }
        return new Events(reco, reco, new boolean[n], new boolean[n]);
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean x : b) {
            if (x) {
                c++;
            }
        }
        return c;
    }

    private static float[] flags(boolean[] b) {
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            f[i] = b[i] ? 1f : 0f;
        }
        return f;
    }

    /** Marsaglia's polar method (SplittableRandom has no nextGaussian on Java 17). */
    static double gauss(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Poisson draw: Knuth's method for small means, a rounded normal above 30. */
    static int poisson(SplittableRandom rng, double mean) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(rng)));
        }
        double limit = Math.exp(-mean);
        double p = rng.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }
}
