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
