package org.nuisance.engine.ml;

import java.util.Locale;

/**
 * The state of a training after one epoch.
 *
 * @param member          ensemble member index (0 for a single classifier)
 * @param epoch           epochs finished, from 1
 * @param maxEpochs       the configured maximum
 * @param trainLoss       mean weighted cross-entropy over this epoch's batches
 * @param validationLoss  weighted cross-entropy on the validation split (NaN without one)
 * @param validationAuc   unweighted ROC AUC on the validation split (NaN without one)
 * @param validationWeightedAuc ROC AUC on the validation split with the training weights (NaN without one)
 * @param best            whether this epoch has the lowest validation loss so far (its parameters are kept)
 * @param elapsedMillis   wall time since the training started
 * @param eventsSeen      training events processed so far (epochs x training split)
 */
public record EpochProgress(int member, int epoch, int maxEpochs, double trainLoss, double validationLoss,
                            double validationAuc, double validationWeightedAuc, boolean best, long elapsedMillis, long eventsSeen) {

    /** Training throughput so far. */
    public double eventsPerSecond() {
        return elapsedMillis == 0 ? 0 : eventsSeen * 1000.0 / elapsedMillis;
    }

    /**
     * A progress line, e.g. "epoch 3/100  loss 0.4123  val_loss 0.4012  val_auc 0.8821  val_wauc 0.9012 *  1.2 s
     * 90000 events/s" (* marks a new best epoch).
     */
    public String format() {
        return String.format(Locale.ROOT,
                "%sepoch %d/%d  loss %.4f  val_loss %.4f  val_auc %.4f  val_wauc %.4f%s  %.1f s  %.0f events/s",
                member > 0 ? "member " + member + " " : "", epoch, maxEpochs, trainLoss, validationLoss, validationAuc,
                validationWeightedAuc, best ? " *" : "  ", elapsedMillis / 1000.0, eventsPerSecond());
    }
}
