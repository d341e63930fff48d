package org.nuisance.engine.stats.histfactory;

import org.nuisance.engine.stats.Parameter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nuisance.engine.stats.histfactory.Workspace.Channel;
import org.nuisance.engine.stats.histfactory.Workspace.Measurement;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * Compiles a {@link Workspace} and one of its measurements into a {@link Model}. It only orders and binds:
 * each modifier's name gets one {@link ParameterSet}, started and joined by the modifiers themselves
 * (their types' classes own the defaults, constraints and finalisation: {@link NormSys}, {@link HistoSys},
 * {@link ShapeSys}, {@link StatError}, {@link NormFactor}, {@link ShapeFactor}, {@link Lumi}); the
 * parameter of interest comes first, then the sets in order of appearance, each finalised with the
 * measurement's parameter settings; then every modifier is bound to its set's parameters.
 */
final class ModelBuilder {

    private ModelBuilder() {
    }

    static Model build(Workspace ws, String measurementName, Interpolation interp) {
        Measurement meas = ws.measurement(measurementName);
        int measIndex = ws.measurements().indexOf(meas);
        Map<String, ParameterSet> sets = new LinkedHashMap<>();
        for (int c = 0; c < ws.channels().size(); c++) {
            Channel ch = ws.channels().get(c);
            for (int s = 0; s < ch.samples().size(); s++) {
                Sample sample = ch.samples().get(s);
                for (int m = 0; m < sample.modifiers().size(); m++) {
                    ModifierSpec mod = sample.modifiers().get(m);
                    String path = "channels[" + c + "].samples[" + s + "].modifiers[" + m + "]";
                    ParameterSet set = sets.get(mod.name());
                    if (set == null) {
                        set = mod.parameterSet(sample, ch.bins(), path);
                        sets.put(mod.name(), set);
                    }
                    set.join(mod, sample, ch.bins(), path);
                    mod.validate(path);
                }
            }
        }
        // order: the parameter of interest first, then sets in order of appearance
        ParameterSet poiSet = sets.get(meas.poi());
        String poiPath = "measurements[" + measIndex + "].config.poi";
        if (poiSet == null) {
            throw Workspace.err(poiPath, "'" + meas.poi() + "' is not a parameter of the model; parameters: "
                    + sets.keySet());
        }
        if (poiSet.perBin) {
            throw Workspace.err(poiPath, "'" + meas.poi() + "' is a per-bin " + poiSet.type
                    + " parameter set; the parameter of interest must be a single parameter");
        }
        List<ParameterSet> ordered = new ArrayList<>();
        ordered.add(poiSet);
        for (ParameterSet p : sets.values()) {
            if (p != poiSet) {
                ordered.add(p);
            }
        }
        List<Parameter> params = new ArrayList<>();
        for (ParameterSet set : ordered) {
            set.offset = params.size();
            ParameterConfig cfg = meas.parameter(set.name);
            int cfgIndex = cfg == null ? -1 : meas.parameters().indexOf(cfg);
            String cfgPath = "measurements[" + measIndex + "].config.parameters[" + cfgIndex + "]";
            params.addAll(set.finalise(cfg, cfgPath));
        }
        // every fit of the model holds its covariance and Hessians as n x n doubles (about four of them):
        // a workspace with millions of per-bin parameters is refused here in one line, not by an OutOfMemoryError
        org.nuisance.engine.data.InputChecks.requireMemory(params.size() + " parameters (a fit holds n x n matrices)",
                (long) params.size() * params.size(), 8, 4);
        int poi = 0;
        // samples: each modifier bound to its set's parameters
        List<String> channelNames = new ArrayList<>();
        int[] offsets = new int[ws.channels().size()];
        List<Model.SampleTerm> terms = new ArrayList<>();
        int bins = 0;
        for (int c = 0; c < ws.channels().size(); c++) {
            Channel ch = ws.channels().get(c);
            channelNames.add(ch.name());
            offsets[c] = bins;
            for (Sample sample : ch.samples()) {
                List<Modifier> add = new ArrayList<>();
                List<Modifier> mul = new ArrayList<>();
                for (ModifierSpec mod : sample.modifiers()) {
                    Modifier bound = mod.bind(sets.get(mod.name()), sample, params, interp);
                    (bound.additive() ? add : mul).add(bound);
                }
                terms.add(new Model.SampleTerm(ch.name(), sample.name(), bins, sample.data().clone(),
                        add.toArray(new Modifier[0]), mul.toArray(new Modifier[0])));
            }
            bins += ch.bins();
        }
        double[] observed = new double[bins];
        for (int c = 0; c < ws.channels().size(); c++) {
            double[] d = ws.observation(ws.channels().get(c).name()).data();
            System.arraycopy(d, 0, observed, offsets[c], d.length);
        }
        return new Model(channelNames, offsets, bins, terms, params, poi, observed, interp);
    }
}
