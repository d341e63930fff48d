package org.nuisance.app.unfold;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.nuisance.engine.workbench.UnfoldRuns;

/**
 * The Unfold panel's state: the two input files, the observables, iterations, ensemble and bootstrap counts,
 * epochs and network; Start runs {@link UnfoldRuns#run} off the FX thread and publishes each step, the closure
 * after each iteration and, at the end, the written file ({@link #resultProperty()}, which the window opens in
 * the Unfolded result tab). Cancel interrupts the run.
 */
public final class UnfoldViewModel {

    final StringProperty data = new SimpleStringProperty("");
    final StringProperty mc = new SimpleStringProperty("");
    final StringProperty observables = new SimpleStringProperty("");
    final IntegerProperty iterations = new SimpleIntegerProperty(3);
    final IntegerProperty ensemble = new SimpleIntegerProperty(0);
    final IntegerProperty bootstrapData = new SimpleIntegerProperty(0);
    final IntegerProperty bootstrapMc = new SimpleIntegerProperty(0);
    final IntegerProperty epochs = new SimpleIntegerProperty(16);
    final StringProperty network = new SimpleStringProperty("3x64");
    final StringProperty output = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("Choose the data and simulation files.");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<String> available = FXCollections.observableArrayList();
    private final ObjectProperty<List<UnfoldRuns.Closure>> closure = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<Path> result = new SimpleObjectProperty<>();
    private Task<UnfoldRuns.Outcome> task;

    /** Reads both files' columns and offers their common observables (all of them pre-selected). */
    public void lookUpObservables() {
        try {
            List<String> common = UnfoldRuns.commonObservables(Path.of(data.get().trim()), Path.of(mc.get().trim()));
            available.setAll(common);
            observables.set(String.join(",", common));
            status.set(common.isEmpty() ? "The files share no observable (data c, simulation c_reco and c_gen)."
                    : "Observables found: " + String.join(", ", common));
        } catch (RuntimeException e) {
            status.set(e.getMessage());
        }
    }

    /** The request the form describes; the output defaults to unfolded.parquet beside the data. */
    public UnfoldRuns.Request request() {
        Path d = Path.of(data.get().trim());
        String out = output.get().trim();
        Path o = out.isEmpty() ? d.toAbsolutePath().resolveSibling("unfolded.parquet") : Path.of(out);
        List<String> obs = new ArrayList<>();
        for (String s : observables.get().split(",")) {
            if (!s.isBlank()) {
                obs.add(s.trim());
            }
        }
        return new UnfoldRuns.Request(d, Path.of(mc.get().trim()), obs, iterations.get(), ensemble.get(),
                bootstrapData.get(), bootstrapMc.get(), epochs.get(), network.get().trim(), 1L, o);
    }

    /** The same run as a command line after {@code nuisance}, for "Run on cluster…". */
    public List<String> commandLine() {
        UnfoldRuns.Request r = request();
        return new ArrayList<>(Arrays.asList("omnifold", "unfold", "--data", r.data().toString(), "--mc",
                r.mc().toString(), "--observables", String.join(",", r.observables()), "--iterations",
                Integer.toString(r.iterations()), "--ensemble", Integer.toString(r.ensemble()), "--bootstrap-data",
                Integer.toString(r.bootstrapData()), "--bootstrap-mc", Integer.toString(r.bootstrapMc()), "--epochs",
                Integer.toString(r.epochs()), "--network", r.network(), "--seed", Long.toString(r.seed()), "--output",
                r.output().toString()));
    }

    /** Starts the run (ignored while one runs). */
    public void start() {
        if (running.get()) {
            return;
        }
        UnfoldRuns.Request r;
        try {
            r = request();
        } catch (RuntimeException e) {
            status.set(e.getMessage());
            return;
        }
        log.clear();
        closure.set(List.of());
        progress.set(0);
        result.set(null);
        running.set(true);
        status.set("Running…");
        task = new Task<>() {
            @Override
            protected UnfoldRuns.Outcome call() {
                return UnfoldRuns.run(r, step -> Platform.runLater(() -> {
                    log.add(step.describe());
                    progress.set(step.fraction());
                    status.set(step.describe());
                }));
            }
        };
        task.setOnSucceeded(e -> {
            UnfoldRuns.Outcome o = task.getValue();
            running.set(false);
            progress.set(1);
            closure.set(o.closure());
            status.set(String.format(java.util.Locale.ROOT, "Done: %d member(s) in %.1f s, written to %s", o.members(),
                    o.seconds(), o.output()));
            result.set(o.output());
        });
        task.setOnFailed(e -> {
            running.set(false);
            Throwable t = task.getException();
            status.set("Failed: " + (t == null ? "unknown error" : t.getMessage()));
        });
        task.setOnCancelled(e -> {
            running.set(false);
            status.set("Cancelled.");
        });
        Thread t = new Thread(task, "unfold-panel");
        t.setDaemon(true);
        t.start();
    }

    /** Interrupts the run; it stops at the next training batch. */
    public void cancel() {
        if (task != null && running.get()) {
            task.cancel(true);
        }
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObservableList<String> log() {
        return log;
    }

    public ObservableList<String> availableObservables() {
        return available;
    }

    public ObjectProperty<List<UnfoldRuns.Closure>> closureProperty() {
        return closure;
    }

    /**
     * Takes the output that a cluster run's merge wrote (the same file {@code --output} names) as this panel's
     * result, as a local run's: the window opens it in the Unfolded result tab.
     */
    public void acceptMerged(Path file) {
        if (file == null) {
            return;
        }
        status.set("Merged on the cluster, written to " + file);
        result.set(null);
        result.set(file);
    }

    /** The written result file once a run has finished (null before). */
    public ObjectProperty<Path> resultProperty() {
        return result;
    }
}
