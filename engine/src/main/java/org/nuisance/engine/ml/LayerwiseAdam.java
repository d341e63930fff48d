package org.nuisance.engine.ml;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Set;

/**
 * Adam with two learning rates: one for the parameters of a pretrained trunk and one for the rest (a fresh
 * head), the fine-tuning recipe of Han, Ho, Roberts, Wang (ML4Jets 2024): the trunk at a fraction of the
 * head's rate. Each group is an ordinary DJL Adam; this optimizer only routes each parameter to its group.
 */
final class LayerwiseAdam extends Optimizer {

    private final Set<String> trunkIds;
    private final Optimizer trunk;
    private final Optimizer head;

    LayerwiseAdam(Set<String> trunkIds, float headRate, float trunkRate) {
        super(new Builder());
        this.trunkIds = Set.copyOf(trunkIds);
        this.trunk = Optimizer.adam().optLearningRateTracker(Tracker.fixed(trunkRate)).build();
        this.head = Optimizer.adam().optLearningRateTracker(Tracker.fixed(headRate)).build();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        (trunkIds.contains(parameterId) ? trunk : head).update(parameterId, weight, grad);
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
