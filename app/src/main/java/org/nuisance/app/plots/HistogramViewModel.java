package org.nuisance.app.plots;

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
import org.nuisance.app.LatestWins;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.EventHistograms;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.higgsml.ShiftKernel;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.HistogramMath;
import org.nuisance.engine.hist.ProcessHistograms;

/**
 * The histogram view's state: the column and binning, the parameter values, and the latest result.
 * Recomputes in the background whenever any of them changes, latest request wins.
 */
public final class HistogramViewModel {

    /** Seed of the soft-MET smearing. */
    public static final long SEED = 31415;

    /** What the data points show. */
    public enum DataChoice {
        POISSON("Poisson pseudo-data at the sliders' values"),
        ASIMOV("Asimov data at the sliders' values"),
        EVENTS("The loaded events as data");

        private final String label;

        DataChoice(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ObjectProperty<EventTable> table = new SimpleObjectProperty<>();
    private final StringProperty column = new SimpleStringProperty("DER_mass_vis");
    private final IntegerProperty bins = new SimpleIntegerProperty(40);
    private final DoubleProperty lo = new SimpleDoubleProperty(0);
    private final DoubleProperty hi = new SimpleDoubleProperty(200);
    private final BooleanProperty logY = new SimpleBooleanProperty(false);
    private final ObjectProperty<DataChoice> dataChoice = new SimpleObjectProperty<>(DataChoice.POISSON);
    private final javafx.beans.property.LongProperty dataSeed = new javafx.beans.property.SimpleLongProperty(1);
    private final ObjectProperty<NuisanceValues> values = new SimpleObjectProperty<>(NuisanceValues.NOMINAL);
    private final ObjectProperty<HistogramResult> result = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty();
    private final LatestWins worker = new LatestWins("histogram-worker");

    private ShiftKernel kernel;
    private EventTable kernelTable;
    private String nominalKey;
    private ProcessHistograms nominalCache;

    public HistogramViewModel() {
        table.addListener((o, a, b) -> refresh());
        column.addListener((o, a, b) -> refresh());
        bins.addListener((o, a, b) -> refresh());
        lo.addListener((o, a, b) -> refresh());
        hi.addListener((o, a, b) -> refresh());
        values.addListener((o, a, b) -> refresh());
        dataChoice.addListener((o, a, b) -> refresh());
        dataSeed.addListener((o, a, b) -> refresh());
    }

    /** Schedules a recomputation for the current state. */
    public void refresh() {
        EventTable t = table.get();
        String col = column.get();
        if (t == null || col == null || !t.hasColumn(col)) {
            return;
        }
        Axis axis;
        try {
            axis = Axis.regular(bins.get(), lo.get(), hi.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        NuisanceValues np = values.get();
        DataChoice choice = dataChoice.get();
        long seed = dataSeed.get();
        worker.submit(() -> compute(t, col, axis, np, choice, seed), r -> {
            error.set(null);
            result.set(r);
        }, e -> error.set(e.getMessage()));
    }

    /** Runs on the worker thread only. */
    private HistogramResult compute(EventTable t, String col, Axis axis, NuisanceValues np, DataChoice choice,
                                    long seed) {
        long start = System.nanoTime();
        boolean higgs = EventHistograms.hasHiggsColumns(t);
        if (higgs && kernelTable != t) {
            kernel = new ShiftKernel(PreparedEvents.of(t));
            kernelTable = t;
            nominalCache = null;
        }
        String key = System.identityHashCode(t) + "|" + col + "|" + axis;
        if (!key.equals(nominalKey) || nominalCache == null) {
            nominalCache = higgs ? kernel.fill(col, axis, NuisanceValues.NOMINAL, SEED)
                    : EventHistograms.fillUnshifted(t, col, axis, NuisanceValues.NOMINAL);
            nominalKey = key;
        }
        ProcessHistograms shifted = higgs ? kernel.fill(col, axis, np, SEED)
                : EventHistograms.fillUnshifted(t, col, axis, np);
        double[] data = switch (choice) {
            case POISSON -> HistogramMath.poissonPseudoData(shifted.total(), seed);
            case ASIMOV -> shifted.total().values();
            case EVENTS -> nominalCache.total().values();
        };
        double ms = (System.nanoTime() - start) / 1e6;
        return new HistogramResult(nominalCache, shifted, data, np, ms);
    }

    public ObjectProperty<EventTable> tableProperty() {
        return table;
    }

    public StringProperty columnProperty() {
        return column;
    }

    public IntegerProperty binsProperty() {
        return bins;
    }

    public DoubleProperty loProperty() {
        return lo;
    }

    public DoubleProperty hiProperty() {
        return hi;
    }

    public BooleanProperty logYProperty() {
        return logY;
    }

    public ObjectProperty<DataChoice> dataChoiceProperty() {
        return dataChoice;
    }

    /** Seed of the Poisson pseudo-experiment. */
    public javafx.beans.property.LongProperty dataSeedProperty() {
        return dataSeed;
    }

    public ObjectProperty<NuisanceValues> valuesProperty() {
        return values;
    }

    public ObjectProperty<HistogramResult> resultProperty() {
        return result;
    }

    /** A one-line message when the last request could not be computed, else null. */
    public StringProperty errorProperty() {
        return error;
    }
}
