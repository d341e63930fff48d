package org.nuisance.engine.ml;

/**
 * Receives training progress on the training thread (a UI must hand it over to its own thread). To cancel a
 * training, interrupt the training thread: it stops at the next batch with a
 * {@link java.util.concurrent.CancellationException} and frees its native memory.
 */
@FunctionalInterface
public interface TrainingProgressListener {

    /** After every epoch, with losses and validation AUCs. */
    void onEpoch(EpochProgress progress);

    /**
     * Within an epoch, at most 20 times (each 5% of the training split), for progress bars on large samples.
     *
     * @param member      ensemble member index (0 for a single classifier)
     * @param epoch       the running epoch, from 1
     * @param eventsDone  training events processed in this epoch so far
     * @param eventsTotal training events per epoch
     */
    default void onBatches(int member, int epoch, int eventsDone, int eventsTotal) {
    }

    /** Ignores all events. */
    TrainingProgressListener NONE = p -> { };
}
