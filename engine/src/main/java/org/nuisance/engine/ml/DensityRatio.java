package org.nuisance.engine.ml;

import java.util.List;
import org.nuisance.engine.data.EventTable;

/**
 * Density ratios from a classifier (the "likelihood-ratio trick"). A classifier trained with the
 * weighted cross-entropy on class 1 (weights summing to W1, density p1) against class 0 (W0, p0)
 * converges to s(x) = W1 p1(x) / (W1 p1(x) + W0 p0(x)). Solving for the ratio of normalised densities:
 * <pre>
 *   r(x) = p1(x) / p0(x) = s / (1 - s) * (W0 / W1) = exp(logit(x)) * (W0 / W1)
 * </pre>
 * W0 / W1 is the class-prior correction, stored with each classifier ({@link TrainedClassifier#priorFactor()});
 * it is 1 when the classes were balanced. The logit form avoids the cancellation in 1 - s near s = 1.
 * Reference: K. Cranmer, J. Pavez, G. Louppe, "Approximating likelihood ratios with calibrated
 * discriminative classifiers", arXiv:1506.02169.
 */
public final class DensityRatio {

    private DensityRatio() {
    }

    /** r = s / (1 - s) * priorFactor. */
    public static double fromScore(double score, double priorFactor) {
        return score / (1 - score) * priorFactor;
    }

    /** r = exp(z) * priorFactor per event. */
    public static float[] fromLogits(float[] logits, double priorFactor) {
        float[] r = new float[logits.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (Math.exp(logits[i]) * priorFactor);
        }
        return r;
    }

    /**
     * Trains a classifier of numerator (class 1) against denominator (class 0) events; its
     * {@link TrainedClassifier#densityRatio} then gives p_numerator / p_denominator, e.g. weights that
     * morph the denominator sample into the numerator one.
     */
    public static TrainedClassifier fit(EventTable numerator, EventTable denominator, List<String> features,
                                        ClassifierConfig config, TrainingProgressListener listener) {
        return TrainedClassifier.train(TrainingSet.twoSamples(numerator, denominator, features), config, listener);
    }
}
