package org.nuisance.engine.ml;

/**
 * How a training went.
 *
 * @param epochsRun        epochs actually run
 * @param bestEpoch        the epoch whose parameters were kept (lowest validation loss; the last without validation)
 * @param validationLoss   weighted cross-entropy on the validation split at the best epoch (NaN without one)
 * @param validationAuc    unweighted ROC AUC on the validation split at the best epoch (NaN without one)
 * @param validationWeightedAuc ROC AUC with the events' training weights, same split and epoch (NaN without one)
 * @param trainingEvents   events in the training split
 * @param validationEvents events in the validation split
 * @param seconds          wall time of the training loop
 * @param device           the device trained on, as {@link ComputeDevice#describe} says
 * @param stoppedEarly     whether early stopping ended the training before maxEpochs
 */
public record TrainingSummary(int epochsRun, int bestEpoch, double validationLoss, double validationAuc,
                              double validationWeightedAuc,
                              int trainingEvents, int validationEvents, double seconds, String device,
                              boolean stoppedEarly) {
}
