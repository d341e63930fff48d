package org.nuisance.app.likelihood;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.nuisance.app.LatestWins;
import org.nuisance.engine.workbench.Analysis;
import org.nuisance.engine.workbench.DataSpec;
import org.nuisance.engine.workbench.EventsWorkbench;
import org.nuisance.engine.workbench.FitTarget;

/**
 * The likelihood view's state: the model to fit (a {@link FitTarget} from the facade, whatever the
 * source), the fixed data, and the latest fit, scans and impacts. Recomputed in the background a moment
 * after the sliders stop moving (latest request wins). The data never changes here: Fit moves the
 * sliders to the best fit, and fitting again gives the same best fit.
 */
public final class LikelihoodViewModel {

    /** Scan points per curve. */
    static final int POINTS = 31;

    /** What the view needs to ask for a fit: the model, the data, the sliders and which are held. */
    public record Request(FitTarget target, DataSpec data, Map<String, Double> sliders, Set<String> fixed) {
    }

    /** One computation's result, with the model's name. */
    public record Result(Analysis analysis, String model) {
        public org.nuisance.engine.stats.fit.LikelihoodSummary summary() {
            return analysis.summary();
        }
    }

    /** Runs the pseudo-experiments of the current events model; null where there is none. */
    public interface ToyRunner {
        EventsWorkbench.Coverage run(int toys, long seed, java.util.function.IntConsumer done,
                                     java.util.function.BooleanSupplier cancelled);

        /** The same run as a command line for "Run on cluster…"; throws IllegalArgumentException saying why not. */
        default List<String> clusterCommand(int toys) {
            throw new IllegalArgumentException("These pseudo-experiments cannot run on a cluster");
        }
    }

    /** The current pseudo-experiments as a command line for a cluster; IllegalArgumentException says why not. */
    public List<String> clusterCommand(int count) {
        ToyRunner runner = toys.get();
        if (runner == null) {
            throw new IllegalArgumentException("Pseudo-experiments need HiggsML events");
        }
        return runner.clusterCommand(count);
    }

    /** Says that a result obtained elsewhere could not be read. */
    public void showCoverageError(String message) {
        toysSummary.set(message);
        toysWarning.set(null);
    }

    /** Shows a result obtained elsewhere (merged from a cluster's shards) as a local run's. */
    public void showCoverage(EventsWorkbench.Coverage c) {
        toysSummary.set(c.line());
        toysWarning.set(c.warning());
    }

    private final ObjectProperty<Result> result = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final LatestWins worker = new LatestWins("likelihood-worker");
    private final PauseTransition settle = new PauseTransition(Duration.millis(250));
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final StringProperty scanned = new SimpleStringProperty();
    private final ObservableList<String> scannable = FXCollections.observableArrayList();
    private final BooleanProperty toysAvailable = new SimpleBooleanProperty(false);
    private final ObjectProperty<Task<EventsWorkbench.Coverage>> toysTask = new SimpleObjectProperty<>();
    private final StringProperty toysSummary = new SimpleStringProperty("");
    private final StringProperty toysWarning = new SimpleStringProperty();

    private Supplier<Request> requests = () -> null;
    private Consumer<Map<String, Double>> moveSliders = m -> { };
    private Supplier<ToyRunner> toys = () -> null;

    public LikelihoodViewModel() {
        settle.setOnFinished(e -> refresh());
        scanned.addListener(o -> refreshLater());
        active.addListener((o, was, is) -> {
            if (is) {
                refresh();
            }
        });
    }

    /**
     * Wires the view model to the window: where requests come from, how a best fit moves the sliders,
     * who runs pseudo-experiments, and what changes make a new fit necessary.
     */
    public void connect(Supplier<Request> requests, Consumer<Map<String, Double>> moveSliders,
                        Supplier<ToyRunner> toys, Observable... triggers) {
        this.requests = requests;
        this.moveSliders = moveSliders;
        this.toys = toys;
        for (Observable o : triggers) {
            o.addListener(x -> refreshLater());
        }
    }

    private void refreshLater() {
        toysAvailable.set(toys.get() != null);
        if (active.get()) {
            settle.playFromStart();
        }
    }

    /** Set while the likelihood view is shown: no work is done for a hidden view. */
    public BooleanProperty activeProperty() {
        return active;
    }

    public void refresh() {
        Request q;
        try {
            q = requests.get();
        } catch (RuntimeException e) {
            status.set(e.getMessage());
            return;
        }
        toysAvailable.set(toys.get() != null);
        if (q == null || q.target() == null) {
            return;
        }
        String scan = scanned.get();
        busy.set(true);
        status.set("Fitting\u2026");
        worker.submit(() -> new Result(q.target().analyse(q.data(), q.sliders(), q.fixed(), scan, POINTS),
                q.target().describe()), r -> {
                    busy.set(false);
                    List<String> names = r.analysis().parameters();
                    if (!scannable.equals(names)) {
                        scannable.setAll(names);
                    }
                    result.set(r);
                    warnings.setAll(r.analysis().warnings());
                    status.set(String.format(Locale.ROOT, "%s fitted with the %s model in %.0f ms",
                            r.analysis().dataLabel(), r.model(), r.analysis().ms()));
                }, e -> {
                    busy.set(false);
                    status.set("The fit failed: " + e.getMessage());
                    error.set(null);
                    error.set(e.getMessage() == null ? e.toString() : e.getMessage());
                });
    }

    /**
     * Runs the challenge's pseudo-experiments for the current events model in the background, with
     * progress and cancel: coverage of the 68% interval, mean width and score.
     */
    public void runPseudoExperiments(int count, long seed) {
        ToyRunner runner = toys.get();
        if (runner == null) {
            toysSummary.set("Pseudo-experiments need HiggsML events");
            return;
        }
        Task<EventsWorkbench.Coverage> task = new Task<>() {
            @Override
            protected EventsWorkbench.Coverage call() {
                updateMessage("Pseudo-experiments");
                updateProgress(-1, count);
                return runner.run(count, seed, done -> updateProgress(done, count), this::isCancelled);
            }
        };
        task.setOnSucceeded(e -> {
            EventsWorkbench.Coverage c = task.getValue();
            toysSummary.set(c.line());
            toysWarning.set(c.warning());
            toysTask.set(null);
        });
        task.setOnCancelled(e -> {
            toysSummary.set("Pseudo-experiments cancelled");
            toysTask.set(null);
        });
        task.setOnFailed(e -> {
            toysTask.set(null);
            if (!(task.getException() instanceof java.util.concurrent.CancellationException)) {
                error.set(null);
                error.set("pseudo-experiments failed: " + task.getException().getMessage());
            }
            toysSummary.set("Pseudo-experiments stopped");
        });
        toysWarning.set(null);
        toysTask.set(task);
        Thread th = new Thread(task, "pseudo-experiments-task");
        th.setDaemon(true);
        th.start();
    }

    public void cancelPseudoExperiments() {
        var task = toysTask.get();
        if (task != null) {
            task.cancel();
        }
    }

    /** The running pseudo-experiments, for a progress bar and a Cancel button; null when none run. */
    public ObjectProperty<Task<EventsWorkbench.Coverage>> toysTaskProperty() {
        return toysTask;
    }

    public StringProperty toysSummaryProperty() {
        return toysSummary;
    }

    /** A sentence when the last run's coverage is outside its 2σ68 band, else null. */
    public StringProperty toysWarningProperty() {
        return toysWarning;
    }

    /** True when the current source has a model for pseudo-experiments (HiggsML events). */
    public BooleanProperty toysAvailableProperty() {
        return toysAvailable;
    }

    /** Stops waiting for the fit and scans in flight; the view keeps what it showed before. */
    public void cancel() {
        settle.stop();
        worker.cancel();
        busy.set(false);
        status.set("Cancelled; move a slider or press Fit to compute again");
    }

    /** Moves every slider to the best fit of the fixed data; the data stay as they are. */
    public void fitAndMoveSliders() {
        Result r = result.get();
        if (r == null) {
            refresh();
            return;
        }
        if (!r.summary().fit().converged()) {
            error.set(null);
            error.set("the fit did not converge (" + r.summary().fit().reason() + "); the sliders stay where they are");
            return;
        }
        moveSliders.accept(r.analysis().bestFit());
    }

    public ObjectProperty<Result> resultProperty() {
        return result;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** Sentences to show in the view: a fit that did not converge, a parameter at a bound. */
    public ObservableList<String> warnings() {
        return warnings;
    }

    /** The parameter scanned (null: the parameter of interest). */
    public StringProperty scannedProperty() {
        return scanned;
    }

    /** The model's parameters, for the scan chooser. */
    public ObservableList<String> scannable() {
        return scannable;
    }

    /** The current scans as CSV: the scanned values and the three curves' -2 Delta ln L. */
    public void exportScanCsv(java.nio.file.Path file) throws java.io.IOException {
        Result r = result.get();
        if (r == null) {
            throw new java.io.IOException("no scan has been computed yet");
        }
        var s = r.summary();
        org.nuisance.engine.workbench.Exports.scanCsv(file, s);
    }

    /** The message of the last failed computation, set anew for each failure (for the error dialog). */
    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
