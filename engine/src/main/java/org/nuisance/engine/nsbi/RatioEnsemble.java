package org.nuisance.engine.nsbi;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ClassifierEnsemble;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.ml.TrainedClassifier;
import org.nuisance.engine.ml.TrainingProgressListener;
import org.nuisance.engine.ml.TrainingSet;

/**
 * A density ratio r(x) = p_num(x) / p_den(x) by the likelihood-ratio trick (arXiv:1506.02169): K
 * classifiers seeded seed, seed + 1, ... are trained on class-balanced weighted samples (so
 * r = s / (1 - s) = e^logit), on one half of the events; the other half calibrates the ensemble. The
 * ensemble's ln r is the members' mean logit (a geometric mean of ratios), its spread their standard
 * deviation. The {@link Calibration} multiplies r by the held-out half's observed / predicted ratio in
 * quantile bins of ln r. Holds native memory: close it.
 */
public final class RatioEnsemble implements AutoCloseable {

    private final ClassifierEnsemble ensemble;
    private final Calibration calibration;

    RatioEnsemble(ClassifierEnsemble ensemble, Calibration calibration) {
        this.ensemble = ensemble;
        this.calibration = calibration;
    }

    /** ln r per event (calibrated) and the members' spread of ln r. */
    public record LogRatios(float[] logRatio, float[] spread) {
    }

    /**
     * Trains on numerator (class 1) against denominator (class 0) samples given as feature-major
     * columns with weights; half of each sample (seeded) trains, the other half calibrates.
     */
    public static RatioEnsemble train(List<String> features, float[][] num, float[] numW, float[][] den, float[] denW,
                                      ClassifierConfig config, int members, int calibrationBins,
                                      TrainingProgressListener listener) {
        Split split = split(features, num, numW, den, denW, config);
        ClassifierEnsemble ens = ClassifierEnsemble.train(split.set(), split.config(), members,
                listener == null ? TrainingProgressListener.NONE : listener);
        return calibrated(ens, split, num, numW, den, denW, calibrationBins);
    }

    /**
     * The members with global indices {@code [first, end)} of the ensemble {@link #train} trains with the same
     * arguments (member k seeded config.seed() + k, on the same seeded half): one shard's share of the work.
     */
    public static List<TrainedClassifier> trainMembers(List<String> features, float[][] num, float[] numW,
                                                       float[][] den, float[] denW, ClassifierConfig config,
                                                       int first, int end, TrainingProgressListener listener) {
        Split split = split(features, num, numW, den, denW, config);
        return ClassifierEnsemble.trainMembers(split.set(), split.config(), first, end,
                listener == null ? TrainingProgressListener.NONE : listener);
    }

    /**
     * The ratio {@link #train} gives, from its members trained elsewhere ({@link #trainMembers}, all of them in
     * member order): the same held-out half calibrates them. Takes ownership of the members.
     */
    public static RatioEnsemble fromMembers(List<String> features, float[][] num, float[] numW, float[][] den,
                                            float[] denW, ClassifierConfig config, List<TrainedClassifier> members,
                                            int calibrationBins) {
        Split split = split(features, num, numW, den, denW, config);
        return calibrated(new ClassifierEnsemble(members), split, num, numW, den, denW, calibrationBins);
    }

    /** The seeded training half of both samples as one class-balanced set, and the members' configuration. */
    private record Split(TrainingSet set, boolean[] numTrain, boolean[] denTrain, ClassifierConfig config) {
    }

    private static Split split(List<String> features, float[][] num, float[] numW, float[][] den, float[] denW,
                               ClassifierConfig config) {
        SplittableRandom rng = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + 17);
        boolean[] numTrain = halves(numW.length, rng);
        boolean[] denTrain = halves(denW.length, rng);
        int nt = count(numTrain, true) + count(denTrain, true);
        float[][] cols = new float[features.size()][nt];
        boolean[] labels = new boolean[nt];
        float[] w = new float[nt];
        int k = 0;
        for (int i = 0; i < numW.length; i++) {
            if (numTrain[i]) {
                for (int f = 0; f < cols.length; f++) {
                    cols[f][k] = num[f][i];
                }
                labels[k] = true;
                w[k++] = numW[i];
            }
        }
        for (int i = 0; i < denW.length; i++) {
            if (denTrain[i]) {
                for (int f = 0; f < cols.length; f++) {
                    cols[f][k] = den[f][i];
                }
                w[k++] = denW[i];
            }
        }
        ClassifierConfig balanced = config.withBalanceClasses(true).withEventWeights(true);
        return new Split(new TrainingSet(features, cols, labels, w), numTrain, denTrain, balanced);
    }

    private static RatioEnsemble calibrated(ClassifierEnsemble ens, Split split, float[][] num, float[] numW,
                                            float[][] den, float[] denW, int calibrationBins) {
        try {
            float[][] numCal = select(num, split.numTrain(), false);
            float[][] denCal = select(den, split.denTrain(), false);
            float[] rawNum = rawLogRatio(ens, numCal, null);
            float[] rawDen = rawLogRatio(ens, denCal, null);
            Calibration cal = Calibration.fit(rawNum, select(numW, split.numTrain(), false), rawDen,
                    select(denW, split.denTrain(), false), calibrationBins);
            return new RatioEnsemble(ens, cal);
        } catch (RuntimeException e) {
            ens.close();
            throw e;
        }
    }

    private static boolean[] halves(int n, SplittableRandom rng) {
        boolean[] train = new boolean[n];
        for (int i = 0; i < n; i++) {
            train[i] = rng.nextBoolean();
        }
        return train;
    }

    private static int count(boolean[] b, boolean v) {
        int c = 0;
        for (boolean x : b) {
            if (x == v) {
                c++;
            }
        }
        return c;
    }

    private static float[][] select(float[][] cols, boolean[] mask, boolean v) {
        float[][] out = new float[cols.length][];
        for (int f = 0; f < cols.length; f++) {
            out[f] = select(cols[f], mask, v);
        }
        return out;
    }

    private static float[] select(float[] x, boolean[] mask, boolean v) {
        float[] out = new float[count(mask, v)];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (mask[i] == v) {
                out[k++] = x[i];
            }
        }
        return out;
    }

    /** Mean logit of the members (balanced classes: ln r), and their standard deviation into spread if given. */
    static float[] rawLogRatio(ClassifierEnsemble ens, float[][] columns, float[] spread) {
        int n = columns[0].length;
        double[] sum = new double[n];
        double[] sum2 = new double[n];
        List<TrainedClassifier> ms = ens.members();
        for (TrainedClassifier m : ms) {
            float[] z = m.logits(columns, n);
            double lnPrior = Math.log(m.priorFactor());
            for (int i = 0; i < n; i++) {
                double v = z[i] + lnPrior;
                sum[i] += v;
                sum2[i] += v * v;
            }
        }
        int k = ms.size();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double mean = sum[i] / k;
            out[i] = (float) mean;
            if (spread != null) {
                spread[i] = k < 2 ? 0f : (float) Math.sqrt(Math.max(0, (sum2[i] - k * mean * mean) / (k - 1)));
            }
        }
        return out;
    }

    /** Calibrated ln r and the ensemble spread for events given as feature-major columns in {@link #features} order. */
    public LogRatios logRatios(float[][] columns) {
        int n = columns[0].length;
        float[] spread = new float[n];
        float[] raw = rawLogRatio(ensemble, columns, spread);
        for (int i = 0; i < n; i++) {
            raw[i] = (float) calibration.apply(raw[i]);
        }
        return new LogRatios(raw, spread);
    }

    public List<String> features() {
        return ensemble.features();
    }

    public Calibration calibration() {
        return calibration;
    }

    public int members() {
        return ensemble.members().size();
    }

    /** Saves the members (member-NN folders, ensemble.json) and calibration.json into dir. */
    public void save(Path dir) {
        // one folder that appears complete: members, ensemble.json and calibration.json together
        org.nuisance.engine.util.AtomicOutput.writeFolder(dir, "--output",
                d -> java.nio.file.Files.isRegularFile(d.resolve(ClassifierEnsemble.FILE)), tmp -> {
                    ensemble.save(tmp);
                    calibration.save(tmp.resolve(Calibration.FILE));
                });
    }

    public static RatioEnsemble load(Path dir, ComputeDevice.Choice device) {
        ClassifierEnsemble ens = ClassifierEnsemble.load(dir, device);
        try {
            return new RatioEnsemble(ens, Calibration.load(dir.resolve(Calibration.FILE)));
        } catch (RuntimeException e) {
            ens.close();
            throw e;
        }
    }

    @Override
    public void close() {
        ensemble.close();
    }
}
