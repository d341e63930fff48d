package org.nuisance.app.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.workbench.DataSpec;
import org.nuisance.engine.workbench.Plot;
import org.nuisance.engine.workbench.WorkspaceSource;
import org.nuisance.engine.workbench.WorkspaceWorkbench;

/**
 * A HistFactory workspace in the window: one slider per model parameter, the channel shown, and the
 * channel's plot from the facade (samples at nominal stacked, their total at the sliders, the fixed
 * data). Expected counts cost microseconds, so plots are made right away.
 */
public final class WorkspaceViewModel {

    /** One parameter's slider state. */
    public record Row(Parameter parameter, DoubleProperty value, BooleanProperty fixed) {
    }

    private final ObjectProperty<WorkspaceWorkbench> bench = new SimpleObjectProperty<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringProperty channel = new SimpleStringProperty();
    private final ObservableList<String> channels = FXCollections.observableArrayList();
    private final ObjectProperty<Plot> result = new SimpleObjectProperty<>();
    private final ObjectProperty<double[]> point = new SimpleObjectProperty<>();
    private final ObjectProperty<DataSpec> data = new SimpleObjectProperty<>(new DataSpec.Observed());
    private final StringProperty error = new SimpleStringProperty();

    public WorkspaceViewModel() {
        channel.addListener((o, a, b) -> update());
        data.addListener((o, a, b) -> update());
    }

    public void show(WorkspaceSource ws) {
        if (ws == null) {
            bench.set(null);
            rows.clear();
            channels.clear();
            return;
        }
        WorkspaceWorkbench w = new WorkspaceWorkbench(ws);
        List<Row> list = new ArrayList<>();
        for (Parameter p : w.parameters()) {
            DoubleProperty v = new SimpleDoubleProperty(p.init());
            v.addListener((o, a, b) -> update());
            BooleanProperty f = new SimpleBooleanProperty(p.fixed());
            f.addListener((o, a, b) -> point.set(x()));
            list.add(new Row(p, v, f));
        }
        bench.set(w);
        rows.setAll(list);
        channels.setAll(w.channels());
        if (channel.get() == null || !w.channels().contains(channel.get())) {
            channel.set(w.channels().get(0));
        }
        update();
    }

    public double[] x() {
        double[] x = new double[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i).value().get();
        }
        return x;
    }

    /** The sliders by parameter name. */
    public Map<String, Double> values() {
        WorkspaceWorkbench w = bench.get();
        return w == null ? Map.of() : w.asMap(x());
    }

    /** Moves the sliders to values by name (e.g. a best fit), each within its bounds. */
    public void setAll(Map<String, Double> values) {
        for (Row r : rows) {
            Double v = values.get(r.parameter().name());
            if (v != null) {
                r.value().set(Math.max(r.parameter().lo(), Math.min(r.parameter().hi(), v)));
            }
        }
    }

    /** The names of the parameters held fixed. */
    public java.util.Set<String> fixedNames() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Row r : rows) {
            if (r.fixed().get()) {
                out.add(r.parameter().name());
            }
        }
        return out;
    }

    public void resetAll() {
        for (Row r : rows) {
            r.value().set(r.parameter().init());
        }
    }

    private void update() {
        WorkspaceWorkbench w = bench.get();
        String ch = channel.get();
        if (w == null || ch == null) {
            return;
        }
        double[] x = x();
        point.set(x);
        try {
            result.set(w.plot(ch, x, data.get()));
            error.set(null);
        } catch (RuntimeException e) {
            error.set(e.getMessage());
        }
    }

    public ObjectProperty<WorkspaceWorkbench> workbenchProperty() {
        return bench;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public StringProperty channelProperty() {
        return channel;
    }

    public ObservableList<String> channels() {
        return channels;
    }

    public ObjectProperty<Plot> resultProperty() {
        return result;
    }

    /** The data drawn and fitted (by default the workspace's observed counts). */
    public ObjectProperty<DataSpec> dataProperty() {
        return data;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** The parameter vector at the sliders, updated with every move. */
    public ObjectProperty<double[]> pointProperty() {
        return point;
    }
}
