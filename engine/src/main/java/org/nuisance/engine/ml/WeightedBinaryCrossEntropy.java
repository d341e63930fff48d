package org.nuisance.engine.ml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;

/**
 * Per-event weighted binary cross-entropy on logits, averaged over the batch:
 * L = (1/B) sum_i w_i [softplus(z_i) - y_i z_i], which equals -(1/B) sum_i w_i [y_i log s_i + (1 - y_i)
 * log(1 - s_i)] with s = sigmoid(z), computed without forming log(s). Dividing by B rather than by the sum
 * of batch weights keeps the loss bounded when weights are negative; the trainer normalises weights to a
 * mean of 1 so the scale matches the unweighted loss. Labels are an NDList (y, w), each of shape (B, 1).
 */
public final class WeightedBinaryCrossEntropy extends Loss {

    public WeightedBinaryCrossEntropy() {
        super("WeightedBCE");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.singletonOrThrow();
        NDArray y = labels.get(0);
        NDArray w = labels.get(1);
        // Out of place: autograd needs the intermediates, and batches are small.
        NDArray perEvent = Activation.softPlus(z).sub(y.mul(z)).mul(w);
        return perEvent.mean();
    }

    /** The same loss in double precision on the CPU, for validation sets and tests. */
    public static double value(float[] logits, boolean[] labels, float[] weights) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            double z = logits[i];
            sum += weights[i] * (softplus(z) - (labels[i] ? z : 0));
        }
        return sum / logits.length;
    }

    /** log(1 + e^z), stable for large |z|. */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }
}
