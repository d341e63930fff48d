package org.nuisance.engine.ml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The pretraining loss of a network with K class logits followed by R regression outputs: per event the
 * softmax cross-entropy -sum_k y_k log softmax(z)_k of the one-hot process label, plus regressionWeight
 * times the squared error sum_r (z_{K+r} - t_r)^2 of the standardised regression targets, weighted per event
 * and averaged over the batch. Labels are an NDList (one-hot (B, K), targets (B, R) or absent, weights (B, 1)).
 */
final class MultiTaskLoss extends Loss {

    private final int classes;
    private final int targets;
    private final float regressionWeight;

    MultiTaskLoss(int classes, int targets, float regressionWeight) {
        super("MultiTask");
        this.classes = classes;
        this.targets = targets;
        this.regressionWeight = regressionWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.singletonOrThrow();
        NDArray oneHot = labels.get(0);
        NDArray w = labels.get(labels.size() - 1);
        NDArray logits = targets == 0 ? z : z.get(":, 0:" + classes);
        NDArray perEvent = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}, true).neg();
        if (targets > 0) {
            NDArray reg = z.get(":, " + classes + ":").sub(labels.get(1)).square().sum(new int[] {1}, true);
            perEvent = perEvent.add(reg.mul(regressionWeight));
        }
        return perEvent.mul(w).mean();
    }

    /** The same loss in double precision for a validation set (row-major outputs of K + R per event). */
    static double value(float[] out, int[] label, float[] target, float[] weight, int classes, int targets,
                        float regressionWeight) {
        int width = classes + targets;
        double sum = 0;
        for (int i = 0; i < label.length; i++) {
            int o = i * width;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, out[o + k]);
            }
            double norm = 0;
            for (int k = 0; k < classes; k++) {
                norm += Math.exp(out[o + k] - max);
            }
            double l = -(out[o + label[i]] - max - Math.log(norm));
            for (int r = 0; r < targets; r++) {
                double d = out[o + classes + r] - target[i * targets + r];
                l += regressionWeight * d * d;
            }
            sum += weight[i] * l;
        }
        return sum / label.length;
    }
}
