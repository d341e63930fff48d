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
    public record Result(HiggsAnalysis analysis, HiggsAnalysis.Summary summary, NuisanceValues sliders, double ms) {
    }

    private final HistogramViewModel histogram;
    private final NuisanceViewModel nuisance;
    private final ObjectProperty<Result> result = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final LatestWins worker = new LatestWins("likelihood-worker");
    private final PauseTransition settle = new PauseTransition(Duration.millis(250));
    private final BooleanProperty active = new SimpleBooleanProperty(false);

    private HiggsAnalysis analysis;
    private String analysisKey;

    public LikelihoodViewModel(HistogramViewModel histogram, NuisanceViewModel nuisance) {
        this.histogram = histogram;
        this.nuisance = nuisance;
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
        busy.set(true);
        status.set("Fitting…");
        worker.submit(() -> compute(t, column, axis, sliders, choice, seed), r -> {
            busy.set(false);
            result.set(r);
            status.set(String.format(java.util.Locale.ROOT, "fit and scans in %.0f ms%s", r.ms(),
                    r.summary().fit().converged() ? "" : " — the fit did not converge: " + r.summary().fit().reason()));
        }, e -> {
            busy.set(false);
            status.set("The fit failed: " + e.getMessage());
        });
    }

    /** Fits the current data and moves every slider to its best-fit value. */
    public void fitAndMoveSliders() {
        Result r = result.get();
        if (r == null) {
            refresh();
            return;
        }
        NuisanceValues best = r.analysis().values(r.summary().fit().values(), nuisance.currentProperty().get());
        nuisance.setAll(best);
    }

    /** Runs on the worker thread only. */
    private Result compute(EventTable t, String column, Axis axis, NuisanceValues sliders,
                           HistogramViewModel.DataChoice choice, long seed) {
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
        HiggsAnalysis.Summary s = analysis.analyse(data, sliders, POINTS);
        return new Result(analysis, s, sliders, (System.nanoTime() - start) / 1e6);
    }

    public ObjectProperty<Result> resultProperty() {
        return result;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
