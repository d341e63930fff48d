package org.nuisance.app.sources;

import java.nio.file.Path;
import javafx.concurrent.Task;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.app.session.Session;
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
                return new Dataset("demo", null, t, Session.Source.demo(events, seed));
            }
        };
    }

    public static Task<Dataset> file(Path file) {
        return new Task<>() {
            @Override
            protected Dataset call() {
                updateMessage("Reading " + file.getFileName());
                updateProgress(-1, 1);
                if (looksLikeJson(file)) {
                    org.nuisance.engine.stats.histfactory.Workspace ws =
                            org.nuisance.engine.stats.histfactory.Workspace.read(file);
                    return new Dataset(file.getFileName().toString(), file, null, ws,
                            Session.Source.file(file.toString()));
                }
                EventTable t = EventReaders.read(file);
                if (isCancelled()) {
                    return null;
                }
                if (EventHistograms.hasHiggsColumns(t)) {
                    updateMessage("Preparing invariants");
                    PreparedEvents.of(t);
                }
                return new Dataset(file.getFileName().toString(), file, t, Session.Source.file(file.toString()));
            }
        };
    }

    /** A HistFactory workspace is JSON: its first non-blank character is '{'. */
    static boolean looksLikeJson(java.nio.file.Path file) {
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            int c;
            while ((c = r.read()) != -1) {
                if (!Character.isWhitespace(c) && c != '\uFEFF') {
                    return c == '{';
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** Loads a session's sources one after the other; a source that fails is reported by the task's failure. */
    public static Task<List<Dataset>> all(List<Session.Source> sources) {
        return new Task<>() {
            @Override
            protected List<Dataset> call() throws Exception {
                List<Dataset> out = new ArrayList<>();
                int k = 0;
                for (Session.Source s : sources) {
                    if (isCancelled()) {
                        return null;
                    }
                    updateProgress(k++, sources.size());
                    Task<Dataset> one = "demo".equals(s.kind())
                            ? demo(s.events() == null ? 1_000_000 : s.events(), s.seed() == null ? 42 : s.seed())
                            : file(java.nio.file.Path.of(s.path()));
                    updateMessage("Loading " + ("demo".equals(s.kind()) ? "demo" : s.path()));
                    one.run();
                    if (one.getException() != null) {
                        throw (Exception) one.getException();
                    }
                    out.add(one.get());
                }
                return out;
            }
        };
    }
}
