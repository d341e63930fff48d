package org.nuisance.engine.omnifold.unfold;

import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ClassifierTrainer;
import org.nuisance.engine.ml.TrainedClassifier;
import org.nuisance.engine.ml.TrainingProgressListener;
import org.nuisance.engine.ml.TrainingSet;

/**
 * The unbinned reweighter: a DJL multilayer perceptron ({@link ClassifierTrainer}) trained with the
 * weighted cross-entropy on class 1 against class 0, all observables at once. The classifier is
 * trained with balanced classes, so exp(logit) estimates the normalised ratio p1 / p0 up to a constant
 * (Cranmer, Pavez, Louppe, arXiv:1506.02169); OmniFold needs the absolute ratio W1 p1 / (W0 p0) (the
 * f / (1 - f) of a classifier trained on the raw weights).
 * The ratio is then scaled so that it integrates exactly over class 0 (Σ w0 r(x0) = Σ w1, a property
 * of the true ratio that a finite training meets only to ~1-2%: unscaled, the unfolded normalisation
 * drifted by 1.9% on the Gaussian toy). Logits are clipped to [-{@value #MAX_LOGIT}, {@value #MAX_LOGIT}] so that one badly classified event
 * cannot carry a weight of e^30.
 */
public final class NeuralReweighter implements Reweighter {

    /** Bound on |logit|: a ratio of at most e^10 ~ 22000 per step. */
    public static final double MAX_LOGIT = 10;

    private final ClassifierConfig config;
    private final TrainingProgressListener listener;
    private final java.util.concurrent.atomic.AtomicLong trainingNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong scoringNanos = new java.util.concurrent.atomic.AtomicLong();

    private final float finalRateFactor;
    private final boolean spreadBiases;

    public NeuralReweighter(ClassifierConfig config, TrainingProgressListener listener) {
        this(config, listener, 1f, false);
    }

    public NeuralReweighter(ClassifierConfig config, TrainingProgressListener listener, float finalRateFactor,
                            boolean spreadBiases) {
        this.config = config;
        this.listener = listener == null ? TrainingProgressListener.NONE : listener;
        this.finalRateFactor = finalRateFactor;
        this.spreadBiases = spreadBiases;
    }

    /**
     * The network OmniFold's demonstrations use at this scale: 3 x 64 ReLU, Adam 1e-3, batch 1024,
     * 20% validation, patience 3 epochs, the given epochs at most.
     */
    public static ClassifierConfig defaultConfig(int epochs, long seed) {
        return ClassifierConfig.defaults().toBuilder().hiddenLayers(3).width(64)
                .activation(ClassifierConfig.ActivationFunction.RELU).learningRate(1e-3f).batchSize(1024)
                .maxEpochs(epochs).patience(3).validationFraction(0.2).seed(seed).eventWeights(true)
                .balanceClasses(true).build();
    }

    public ClassifierConfig config() {
        return config;
    }

    /** Wall seconds spent in network training (all fits so far): the part a GPU would speed up most. */
    public double trainingSeconds() {
        return trainingNanos.get() / 1e9;
    }

    /** Wall seconds spent scoring events with trained networks. */
    public double scoringSeconds() {
        return scoringNanos.get() / 1e9;
    }

    @Override
    public double[] ratio(float[][] x1, double[] w1, float[][] x0, double[] w0, float[][] at, long seed, String label) {
        int d = x1.length;
        int n1 = w1.length;
        int n = n1 + w0.length;
        List<String> names = new ArrayList<>();
        float[][] cols = new float[d][n];
        for (int k = 0; k < d; k++) {
            names.add("x" + k);
            System.arraycopy(x1[k], 0, cols[k], 0, n1);
            System.arraycopy(x0[k], 0, cols[k], n1, n - n1);
        }
        boolean[] labels = new boolean[n];
        java.util.Arrays.fill(labels, 0, n1, true);
        float[] w = new float[n];
        double sum1 = 0;
        double sum0 = 0;
        for (int i = 0; i < n1; i++) {
            w[i] = (float) w1[i];
            sum1 += w1[i];
        }
        for (int i = 0; i < w0.length; i++) {
            w[n1 + i] = (float) w0[i];
            sum0 += w0[i];
        }
        TrainingSet set = new TrainingSet(names, cols, labels, w);
        ClassifierTrainer trainer = new ClassifierTrainer(config.withSeed(seed)).addListener(listener)
                .decayLearningRate(finalRateFactor).spreadBiases(spreadBiases);
        long t0 = System.nanoTime();
        try (TrainedClassifier c = trainer.train(set)) {
            long t1 = System.nanoTime();
            trainingNanos.addAndGet(t1 - t0);
            double[] r0 = expClipped(c.logits(x0, w0.length));
            double[] r = at == x0 ? r0 : expClipped(c.logits(at, at[0].length));
            scoringNanos.addAndGet(System.nanoTime() - t1);
            // Calibrate the normalisation: the true ratio integrates exactly, sum w0 r(x0) = sum w1.
            double integral = 0;
            for (int i = 0; i < w0.length; i++) {
                integral += w0[i] * r0[i];
            }
            double scale = integral > 0 ? sum1 / integral : c.priorFactor() * sum1 / sum0;
            for (int i = 0; i < r.length; i++) {
                r[i] *= scale;
            }
            return r;
        }
    }

    private static double[] expClipped(float[] z) {
        double[] r = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double zi = Math.max(-MAX_LOGIT, Math.min(MAX_LOGIT, z[i]));
            r[i] = Double.isNaN(zi) ? 0 : Math.exp(zi);
        }
        return r;
    }
}
