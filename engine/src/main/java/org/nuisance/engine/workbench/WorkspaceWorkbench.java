package org.nuisance.engine.workbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.Histogram;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.fit.LikelihoodSummary;
import org.nuisance.engine.stats.histfactory.BinnedLikelihood;
import org.nuisance.engine.stats.histfactory.Data;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.toys.PseudoData;

/**
 * A HistFactory workspace in the window: its parameters (the sliders), its channels' samples at nominal
 * and at the sliders' values, the chosen fixed data (by default the observed counts), and its fits.
 * pyhf workspaces carry no bin edges, so channels are drawn over integer bins labelled by index.
 */
public final class WorkspaceWorkbench {

    private final WorkspaceSource source;
    private final Model model;

    public WorkspaceWorkbench(WorkspaceSource source) {
        this.source = source;
        this.model = Model.of(source.workspace());
    }

    public WorkspaceSource source() {
        return source;
    }

    /** The model's parameters in the order of the slider vector. */
    public List<Parameter> parameters() {
        return model.parameters();
    }

    public List<String> channels() {
        return model.channels();
    }

    public String poiName() {
        return model.poiName();
    }

    /** Slider values by name from a vector in parameter order. */
    public Map<String, Double> asMap(double[] x) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < model.size(); i++) {
            m.put(model.parameter(i).name(), x[i]);
        }
        return m;
    }

    /** A vector in parameter order from values by name; missing names take their initial value. */
    public double[] fromMap(Map<String, Double> m) {
        double[] x = model.inits();
        for (int i = 0; i < x.length; i++) {
            Double v = m.get(model.parameter(i).name());
            if (v != null) {
                x[i] = v;
            }
        }
        return x;
    }

    /** One channel: samples at the initial values (stack) and at x, with the chosen data. */
    public Plot plot(String channel, double[] x, DataSpec spec) {
        long start = System.nanoTime();
        double[] inits = model.inits();
        int bins = 0;
        List<String> samples = new ArrayList<>();
        List<Histogram> nominal = new ArrayList<>();
        List<Histogram> shifted = new ArrayList<>();
        for (String s : model.sampleNames(channel)) {
            double[] nom = model.expected(channel, s, inits);
            double[] now = model.expected(channel, s, x);
            bins = nom.length;
            Axis axis = Axis.regular(bins, 0, bins);
            samples.add(s);
            nominal.add(new Histogram(axis, withFlow(nom), new double[bins + 2]));
            shifted.add(new Histogram(axis, withFlow(now), new double[bins + 2]));
        }
        Axis axis = Axis.regular(bins, 0, bins);
        int offset = model.channelOffset(model.channels().indexOf(channel));
        double[] counts = new double[bins];
        System.arraycopy(data(spec).counts(), offset, counts, 0, bins);
        String title = channel + " bin";
        return new Plot(new ProcessHistograms(title, axis, samples, nominal),
                new ProcessHistograms(title, axis, samples, shifted), counts, spec.describe(source),
                channel + " (bin index)", "Events / bin", true, null, List.of(), asMap(x),
                (System.nanoTime() - start) / 1e6, channel, null);
    }

    /** The chosen data for every channel: observed, Poisson at the truth with its seed, or Asimov. */
    public Data data(DataSpec spec) {
        if (spec instanceof DataSpec.PseudoData p) {
            return PseudoData.poisson(model, fromMap(p.truth()), p.seed());
        }
        if (spec instanceof DataSpec.Asimov a) {
            return PseudoData.asimov(model, fromMap(a.truth()));
        }
        return model.observedData();
    }

    /** The model to fit. */
    public FitTarget fitTarget() {
        return new FitTarget() {
            @Override
            public String describe() {
                return "Binned HistFactory (" + source.name() + ")";
            }

            @Override
            public Analysis analyse(DataSpec spec, Map<String, Double> sliders, Set<String> fixed, String scanned,
                                    int points) {
                long start = System.nanoTime();
                BinnedLikelihood lik = new BinnedLikelihood(model, data(spec));
                boolean[] held = new boolean[lik.size()];
                for (int i = 0; i < held.length; i++) {
                    held[i] = fixed.contains(lik.parameter(i).name());
                }
                int index = scanned == null || !lik.parameterNames().contains(scanned) ? lik.poi()
                        : lik.indexOf(scanned);
                LikelihoodSummary s = Fits.analyse(lik, fromMap(sliders), held, index, points);
                return new Analysis(s, spec.describe(source), sliders, asMap(s.fit().values()),
                        lik.parameterNames(), Fits.warnings(lik, s.fit(), held), (System.nanoTime() - start) / 1e6,
                        TotalBand.of(model, s.fit(), spec.describe(source), null));
            }
        };
    }

    /** Writes the workspace as pyhf JSON. */
    public void export(Path file) throws IOException {
        source.workspace().write(file);
    }

    private static double[] withFlow(double[] v) {
        double[] out = new double[v.length + 2];
        System.arraycopy(v, 0, out, 1, v.length);
        return out;
    }
}
