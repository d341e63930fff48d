package org.nuisance.app.sources;

import java.nio.file.Path;
import javafx.concurrent.Task;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.higgsml.EventHistograms;
import org.nuisance.engine.higgsml.PreparedEvents;

/** Background tasks that load datasets; cancelling one leaves whatever was loaded before untouched. */
public final class LoadTasks {

    private LoadTasks() {
    }

    public static Task<Dataset> demo(int events, long seed) {
        return new Task<>() {
            @Override
            protected Dataset call() {
                updateMessage(String.format("Generating %,d demo events", events));
                updateProgress(-1, 1);
                EventTable t = DemoGenerator.generate(events, seed);
                if (isCancelled()) {
                    return null;
                }
                updateMessage("Preparing invariants");
                PreparedEvents.of(t);
                return new Dataset("demo", null, t);
            }
        };
    }

    public static Task<Dataset> file(Path file) {
        return new Task<>() {
            @Override
            protected Dataset call() {
                updateMessage("Reading " + file.getFileName());
                updateProgress(-1, 1);
                EventTable t = EventReaders.read(file);
                if (isCancelled()) {
                    return null;
                }
                if (EventHistograms.hasHiggsColumns(t)) {
                    updateMessage("Preparing invariants");
                    PreparedEvents.of(t);
                }
                return new Dataset(file.getFileName().toString(), file, t);
            }
        };
    }
}
