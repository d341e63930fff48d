package org.nuisance.app.plots;

import java.util.List;
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
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.workbench.DataSpec;
import org.nuisance.engine.workbench.EventsSource;
import org.nuisance.engine.workbench.EventsWorkbench;
import org.nuisance.engine.workbench.Plot;
import org.nuisance.engine.workbench.TotalBand;

/**
 * The histogram view's state: the event source, the column and binning, the sliders' values, the fixed
 * data, and the latest plot. Asks the facade ({@link EventsWorkbench}, which keeps the caches) for a new
 * plot whenever any of them changes, in the background, latest request wins.
 */
public final class HistogramViewModel {

    private final ObjectProperty<EventsSource> source = new SimpleObjectProperty<>();
    private final StringProperty column = new SimpleStringProperty("DER_mass_vis");
    private final IntegerProperty bins = new SimpleIntegerProperty(40);
    private final DoubleProperty lo = new SimpleDoubleProperty(0);
    private final DoubleProperty hi = new SimpleDoubleProperty(200);
    private final BooleanProperty logY = new SimpleBooleanProperty(false);
    private final ObjectProperty<DataSpec> data = new SimpleObjectProperty<>(new DataSpec.Observed());
    private final ObjectProperty<NuisanceValues> values = new SimpleObjectProperty<>(NuisanceValues.NOMINAL);
    private final ObjectProperty<Plot> result = new SimpleObjectProperty<>();
    private final ObjectProperty<TotalBand> totalBand = new SimpleObjectProperty<>();
    private final ObjectProperty<HistogramChart.RatioMode> ratioMode =
            new SimpleObjectProperty<>(HistogramChart.RatioMode.DATA_OVER_MC);
    private final StringProperty error = new SimpleStringProperty();
    private final LatestWins worker = new LatestWins("histogram-worker");

    /** Used on the worker thread only. */
    private EventsWorkbench bench;

    public HistogramViewModel() {
        source.addListener((o, a, b) -> refresh());
        column.addListener((o, a, b) -> refresh());
        bins.addListener((o, a, b) -> refresh());
        lo.addListener((o, a, b) -> refresh());
        hi.addListener((o, a, b) -> refresh());
        values.addListener((o, a, b) -> refresh());
        data.addListener((o, a, b) -> refresh());
    }

    /** The binning as an axis, or null (with the error set) if the settings do not make one. */
    public Axis axis() {
        try {
            return Axis.regular(bins.get(), lo.get(), hi.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return null;
        }
    }

    /** Schedules a new plot for the current state. */
    public void refresh() {
        EventsSource s = source.get();
        String col = column.get();
        if (s == null) {
            // another kind of source is shown: a late events plot must not replace its plot
            worker.cancel();
            return;
        }
        if (col == null || !s.hasColumn(col)) {
            return;
        }
        Axis axis = axis();
        if (axis == null) {
            return;
        }
        NuisanceValues np = values.get();
        DataSpec spec = data.get();
        worker.submit(() -> {
            if (bench == null || bench.source() != s) {
                bench = new EventsWorkbench(s);
            }
            return bench.plot(col, axis, np, spec);
        }, r -> {
            error.set(null);
            result.set(r);
        }, e -> error.set(e.getMessage()));
    }

    /** The source's numeric columns, for the column chooser. */
    public List<String> columns() {
        EventsSource s = source.get();
        return s == null ? List.of() : s.columns();
    }

    public boolean hasColumn(String c) {
        EventsSource s = source.get();
        return s != null && s.hasColumn(c);
    }

    public ObjectProperty<EventsSource> sourceProperty() {
        return source;
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

    /** The data drawn as points and fitted: fixed until the user chooses other data. */
    public ObjectProperty<DataSpec> dataProperty() {
        return data;
    }

    public ObjectProperty<NuisanceValues> valuesProperty() {
        return values;
    }

    public ObjectProperty<Plot> resultProperty() {
        return result;
    }

    /** The latest fit's post-fit total band (null before any fit); drawn on plots of the same data and bins. */
    public ObjectProperty<TotalBand> totalBandProperty() {
        return totalBand;
    }

    /** What the ratio panel shows: data / MC or shifted / nominal. */
    public ObjectProperty<HistogramChart.RatioMode> ratioModeProperty() {
        return ratioMode;
    }

    /** The plot to draw: the latest result with the latest fit's band where it belongs to it; null if none. */
    public Plot shown() {
        Plot r = result.get();
        return r == null ? null : r.withTotalBand(totalBand.get());
    }

    /** A one-line message when the last request could not be computed, else null. */
    public StringProperty errorProperty() {
        return error;
    }
}
