package org.nuisance.engine.ml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;

/** Something that gives every event a classifier score in (0, 1): one trained network or an ensemble. */
public interface EventScorer extends AutoCloseable {

    /** The column name scores are written to by default. */
    String SCORE_COLUMN = "score";

    /** Raw feature columns the scorer reads from a table. */
    List<String> features();

    /** One score per event of the table (signal-like near 1). */
    float[] score(EventTable table);

    /** The table with a {@value #SCORE_COLUMN} column added (and, for ensembles, its spread). */
    EventTable withScore(EventTable table);

    /** Saves into a folder (created if needed). */
    void save(Path dir);

    @Override
    void close();

    /** Loads what {@link #save} wrote: an ensemble when the folder has ensemble.json, else one classifier. */
    static EventScorer load(Path dir, ComputeDevice.Choice device) {
        if (Files.isRegularFile(dir.resolve(ClassifierEnsemble.FILE))) {
            return ClassifierEnsemble.load(dir, device);
        }
        if (Files.isRegularFile(dir.resolve(TrainedClassifier.CARD_FILE))) {
            return TrainedClassifier.load(dir, device);
        }
        throw new InputException(dir + ": not a model folder (no " + TrainedClassifier.CARD_FILE + " or "
                + ClassifierEnsemble.FILE + ")");
    }
}
