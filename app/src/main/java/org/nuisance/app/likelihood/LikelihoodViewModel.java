package org.nuisance.app.likelihood;

import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.Duration;
import org.nuisance.app.LatestWins;
import org.nuisance.app.nuisance.NuisanceViewModel;
import org.nuisance.app.plots.HistogramViewModel;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.EventHistograms;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.stats.histfactory.Data;
import org.nuisance.engine.stats.toys.HiggsAnalysis;

/**
 * The likelihood view's state: the events' binned model for the histogram view's column and binning,
 * the data chosen there, and the latest fit, scans and impacts. Recomputed in the background a moment
 * after the sliders stop moving (latest request wins); Fit moves the sliders to the best fit.
 */
public final class LikelihoodViewModel {

    /** Scan points per curve. */
    static final int POINTS = 31;

    /** One computation's inputs and outputs, so stale ones can be recognised. */
    public record Result(HiggsAnalysis analysis, org.nuisance.engine.stats.fit.LikelihoodSummary summary,
                         NuisanceValues sliders, double[] point, double ms) {
    }

    private final HistogramViewModel histogram;
    private final NuisanceViewModel nuisance;
    private final org.nuisance.app.workspace.WorkspaceViewModel workspace;
    private final BooleanProperty workspaceMode = new SimpleBooleanProperty(false);
    private final ObjectProperty<Result> result = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final LatestWins worker = new LatestWins("likelihood-worker");
    private final PauseTransition settle = new PauseTransition(Duration.millis(250));
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final StringProperty scanned = new SimpleStringProperty();
    private final javafx.collections.ObservableList<String> scannable = javafx.collections.FXCollections.observableArrayList();

    private HiggsAnalysis analysis;
    private String analysisKey;

    public LikelihoodViewModel(HistogramViewModel histogram, NuisanceViewModel nuisance,
                               org.nuisance.app.workspace.WorkspaceViewModel workspace) {
        this.histogram = histogram;
        this.nuisance = nuisance;
        this.workspace = workspace;
        settle.setOnFinished(e -> refresh());
        Runnable later = () -> {
            if (active.get()) {
                settle.playFromStart();
            }
        };
        histogram.tableProperty().addListener(o -> later.run());
        histogram.columnProperty().addListener(o -> later.run());
        histogram.binsProperty().addListener(o -> later.run());
        histogram.loProperty().addListener(o -> later.run());
        histogram.hiProperty().addListener(o -> later.run());
        histogram.dataChoiceProperty().addListener(o -> later.run());
        histogram.dataSeedProperty().addListener(o -> later.run());
        nuisance.currentProperty().addListener(o -> later.run());
        for (org.nuisance.engine.higgsml.NuisanceParameter p : org.nuisance.engine.higgsml.NuisanceParameter.values()) {
            nuisance.fixed(p).addListener(o -> later.run());
        }
        workspace.pointProperty().addListener(o -> later.run());
        workspace.modelProperty().addListener(o -> later.run());
        workspaceMode.addListener(o -> later.run());
        scanned.addListener(o -> later.run());
        active.addListener((o, was, is) -> {
            if (is) {
                refresh();
            }
        });
    }

    /** Set while the likelihood view is shown: no work is done for a hidden view. */
    public BooleanProperty activeProperty() {
        return active;
    }

    public void refresh() {
        if (workspaceMode.get()) {
            refreshWorkspace();
            return;
        }
        EventTable t = histogram.tableProperty().get();
        String column = histogram.columnProperty().get();
        if (t == null || column == null || !t.hasColumn(column)) {
            return;
        }
        if (!EventHistograms.hasHiggsColumns(t)) {
            status.set("The likelihood view needs HiggsML events (the 16 PRI columns)");
            return;
        }
        Axis axis;
        try {
            axis = Axis.regular(histogram.binsProperty().get(), histogram.loProperty().get(), histogram.hiProperty().get());
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        NuisanceValues sliders = nuisance.currentProperty().get();
        HistogramViewModel.DataChoice choice = histogram.dataChoiceProperty().get();
        long seed = histogram.dataSeedProperty().get();
        java.util.Set<org.nuisance.engine.higgsml.NuisanceParameter> fixed =
                java.util.EnumSet.noneOf(org.nuisance.engine.higgsml.NuisanceParameter.class);
        for (org.nuisance.engine.higgsml.NuisanceParameter p : org.nuisance.engine.higgsml.NuisanceParameter.values()) {
            if (nuisance.fixed(p).get()) {
                fixed.add(p);
            }
        }
        String scan = scanned.get();
        submit(() -> compute(t, column, axis, sliders, fixed, choice, seed, scan));
    }

    private void refreshWorkspace() {
        org.nuisance.engine.stats.histfactory.Model m = workspace.modelProperty().get();
        if (m == null) {
            return;
        }
        double[] x = workspace.x();
        boolean[] fixed = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            fixed[i] = workspace.rows().get(i).fixed().get();
        }
        HistogramViewModel.DataChoice choice = histogram.dataChoiceProperty().get();
        long seed = histogram.dataSeedProperty().get();
        int index = scanned.get() == null ? -1 : m.indexOf(scanned.get());
        int param = index < 0 ? m.poi() : index;
        submit(() -> {
            long start = System.nanoTime();
            org.nuisance.engine.stats.histfactory.Data data = switch (choice) {
                case POISSON -> org.nuisance.engine.stats.toys.PseudoData.poisson(m, x, seed);
                case ASIMOV -> org.nuisance.engine.stats.toys.PseudoData.asimov(m, x);
                case EVENTS -> m.observedData();
            };
            var s = org.nuisance.engine.stats.fit.LikelihoodSummary.analyse(m, data, x, fixed, param, POINTS);
            return new Result(null, s, NuisanceValues.NOMINAL, x, (System.nanoTime() - start) / 1e6);
        });
    }

    private void submit(java.util.function.Supplier<Result> work) {
        busy.set(true);
        status.set("Fitting…");
        worker.submit(work, r -> {
            busy.set(false);
            java.util.List<String> names = r.summary().fit().names();
            if (!scannable.equals(names)) {
                scannable.setAll(names);
            }
            result.set(r);
            status.set(String.format(java.util.Locale.ROOT, "fit and scans in %.0f ms%s", r.ms(),
                    r.summary().fit().converged() ? "" : " — the fit did not converge: " + r.summary().fit().reason()));
        }, e -> {
            busy.set(false);
            status.set("The fit failed: " + e.getMessage());
            error.set(null);
            error.set(e.getMessage() == null ? e.toString() : e.getMessage());
        });
    }

    private final ObjectProperty<javafx.concurrent.Task<org.nuisance.engine.stats.toys.PseudoExperiments.Summary>> toysTask =
            new SimpleObjectProperty<>();
    private final StringProperty toysSummary = new SimpleStringProperty("");

    /**
     * Runs the challenge's pseudo-experiments for the histogram view's events, column and binning in the
     * background, with progress and cancel: coverage of the 68% interval, mean width and score.
     */
    public void runPseudoExperiments(int toys, long seed) {
        EventTable t = histogram.tableProperty().get();
        String column = histogram.columnProperty().get();
        if (t == null || !EventHistograms.hasHiggsColumns(t) || column == null) {
            toysSummary.set("Pseudo-experiments need HiggsML events");
            return;
        }
        Axis axis = Axis.regular(histogram.binsProperty().get(), histogram.loProperty().get(), histogram.hiProperty().get());
        javafx.concurrent.Task<org.nuisance.engine.stats.toys.PseudoExperiments.Summary> task = new javafx.concurrent.Task<>() {
            @Override
            protected org.nuisance.engine.stats.toys.PseudoExperiments.Summary call() {
                updateMessage("Building the model");
                updateProgress(-1, toys);
                // its own templates: the interactive view's are used by another thread
                HiggsAnalysis own = new HiggsAnalysis(PreparedEvents.of(t), column, axis, HistogramViewModel.SEED);
                updateMessage("Pseudo-experiments");
                return own.pseudoExperiments().run(toys, seed, done -> updateProgress(done, toys), this::isCancelled);
            }
        };
        task.setOnSucceeded(e -> {
            var s = task.getValue();
            toysSummary.set(String.format(java.util.Locale.ROOT,
                    "%d pseudo-experiments: coverage %.3f (target 0.683 \u00b1 %.3f), mean width %.3f, score %.3f, %.0f s",
                    s.toys(), s.coverage(), 2 * org.nuisance.engine.stats.toys.ChallengeScore.sigma68(s.toys()),
                    s.meanWidth(), s.score(), s.seconds()));
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
    public ObjectProperty<javafx.concurrent.Task<org.nuisance.engine.stats.toys.PseudoExperiments.Summary>> toysTaskProperty() {
        return toysTask;
    }

    public StringProperty toysSummaryProperty() {
        return toysSummary;
    }

    /** Stops waiting for the fit and scans in flight; the view keeps what it showed before. */
    public void cancel() {
        settle.stop();
        worker.cancel();
        busy.set(false);
        status.set("Cancelled; move a slider or press Fit to compute again");
    }

    /** Fits the current data and moves every slider to its best-fit value. */
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
        if (r.analysis() == null) {
            workspace.setAll(r.summary().fit().values());
            return;
        }
        NuisanceValues best = r.analysis().values(r.summary().fit().values(), nuisance.currentProperty().get());
        nuisance.setAll(best);
    }

    /** Runs on the worker thread only. */
    private Result compute(EventTable t, String column, Axis axis, NuisanceValues sliders,
                           java.util.Set<org.nuisance.engine.higgsml.NuisanceParameter> fixed,
                           HistogramViewModel.DataChoice choice, long seed, String scan) {
        long start = System.nanoTime();
        String key = System.identityHashCode(t) + "|" + column + "|" + axis;
        if (!key.equals(analysisKey)) {
            analysis = new HiggsAnalysis(PreparedEvents.of(t), column, axis, HistogramViewModel.SEED);
            analysisKey = key;
        }
        Data data = switch (choice) {
            case POISSON -> analysis.poisson(sliders, seed);
            case ASIMOV -> analysis.asimov(sliders);
            case EVENTS -> analysis.observed();
        };
        org.nuisance.engine.stats.fit.LikelihoodSummary s = analysis.analyse(data, sliders, fixed,
                scan == null ? analysis.model().poiName() : scan, POINTS);
        return new Result(analysis, s, sliders, analysis.point(sliders), (System.nanoTime() - start) / 1e6);
    }

    public ObjectProperty<Result> resultProperty() {
        return result;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The parameter scanned (null: the parameter of interest). */
    public StringProperty scannedProperty() {
        return scanned;
    }

    /** The model's parameters, for the scan chooser. */
    public javafx.collections.ObservableList<String> scannable() {
        return scannable;
    }

    /** The current scans as CSV: the scanned values and the three curves' -2 Delta ln L. */
    public void exportScanCsv(java.nio.file.Path file) throws java.io.IOException {
        Result r = result.get();
        if (r == null) {
            throw new java.io.IOException("no scan has been computed yet");
        }
        var s = r.summary();
        org.nuisance.engine.stats.fit.ScanCsv.write(file, s.profiled(), s.frozen(), s.statOnly());
    }

    /** True while a HistFactory workspace (not events) is selected. */
    public BooleanProperty workspaceModeProperty() {
        return workspaceMode;
    }

    /** The message of the last failed computation, set anew for each failure (for the error dialog). */
    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
