package org.nuisance.app.workspace;

import java.util.ArrayList;
import java.util.List;
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
import org.nuisance.app.plots.HistogramResult;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.Histogram;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.histfactory.Workspace;

/**
 * A HistFactory workspace in the window: one slider per model parameter, the channel shown, and the
 * channel's samples at nominal (stacked) against their total at the sliders' values and the observed
 * counts. Expected counts cost microseconds, so they are computed right away.
 */
public final class WorkspaceViewModel {

    /** One parameter's slider state. */
    public record Row(Parameter parameter, DoubleProperty value, BooleanProperty fixed) {
    }

    private final ObjectProperty<Model> model = new SimpleObjectProperty<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringProperty channel = new SimpleStringProperty();
    private final ObservableList<String> channels = FXCollections.observableArrayList();
    private final ObjectProperty<HistogramResult> result = new SimpleObjectProperty<>();
    private final ObjectProperty<double[]> point = new SimpleObjectProperty<>();

    public WorkspaceViewModel() {
        channel.addListener((o, a, b) -> update());
    }

    public void show(Workspace ws) {
        if (ws == null) {
            model.set(null);
            rows.clear();
            channels.clear();
            return;
        }
        Model m = Model.of(ws);
        List<Row> list = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            DoubleProperty v = new SimpleDoubleProperty(p.init());
            v.addListener((o, a, b) -> update());
            list.add(new Row(p, v, new SimpleBooleanProperty(p.fixed())));
        }
        model.set(m);
        rows.setAll(list);
        channels.setAll(m.channels());
        if (channel.get() == null || !m.channels().contains(channel.get())) {
            channel.set(m.channels().get(0));
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

    public void setAll(double[] x) {
        for (int i = 0; i < x.length && i < rows.size(); i++) {
            Parameter p = rows.get(i).parameter();
            rows.get(i).value().set(Math.max(p.lo(), Math.min(p.hi(), x[i])));
        }
    }

    public void resetAll() {
        for (Row r : rows) {
            r.value().set(r.parameter().init());
        }
    }

    private void update() {
        Model m = model.get();
        String ch = channel.get();
        if (m == null || ch == null) {
            return;
        }
        double[] x = x();
        point.set(x);
        int offset = m.channelOffset(m.channels().indexOf(ch));
        List<String> samples = new ArrayList<>();
        List<Histogram> nominal = new ArrayList<>();
        List<Histogram> shifted = new ArrayList<>();
        double[] inits = m.inits();
        int bins = 0;
        for (String s : sampleNames(m, ch)) {
            double[] nom = m.expected(ch, s, inits);
            double[] now = m.expected(ch, s, x);
            bins = nom.length;
            Axis axis = Axis.regular(bins, 0, bins);
            samples.add(s);
            nominal.add(new Histogram(axis, withFlow(nom), new double[bins + 2]));
            shifted.add(new Histogram(axis, withFlow(now), new double[bins + 2]));
        }
        Axis axis = Axis.regular(bins, 0, bins);
        double[] observed = new double[bins];
        System.arraycopy(m.observedData().counts(), offset, observed, 0, bins);
        String column = ch + " (bin index)";
        result.set(new HistogramResult(new ProcessHistograms(column, axis, samples, nominal),
                new ProcessHistograms(column, axis, samples, shifted), observed, NuisanceValues.NOMINAL, 0));
    }

    private static double[] withFlow(double[] v) {
        double[] out = new double[v.length + 2];
        System.arraycopy(v, 0, out, 1, v.length);
        return out;
    }

    /** Sample names of a channel, in the workspace's order. */
    private static List<String> sampleNames(Model m, String channel) {
        return m.sampleNames(channel);
    }

    public ObjectProperty<Model> modelProperty() {
        return model;
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

    public ObjectProperty<HistogramResult> resultProperty() {
        return result;
    }

    /** The parameter vector at the sliders, updated with every move. */
    public ObjectProperty<double[]> pointProperty() {
        return point;
    }
}
