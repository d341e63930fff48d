package org.nuisance.engine.ml;

/**
 * Receives one event per finished epoch, on the training thread (a UI must hand it over to its own
 * thread). To cancel a training, interrupt the training thread: it stops at the next batch with a
 * {@link java.util.concurrent.CancellationException}.
 */
@FunctionalInterface
public interface TrainingProgressListener {

    void onEpoch(EpochProgress progress);

    /** Ignores all events. */
    TrainingProgressListener NONE = p -> { };
}
