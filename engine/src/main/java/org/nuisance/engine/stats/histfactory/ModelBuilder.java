package org.nuisance.engine.stats.histfactory;

import org.nuisance.engine.stats.Parameter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.Parameter.Constraint;
import org.nuisance.engine.stats.histfactory.Workspace.Channel;
import org.nuisance.engine.stats.histfactory.Workspace.Measurement;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * Compiles a {@link Workspace} and one of its measurements into a {@link Model}: creates one parameter
 * set per modifier name with pyhf's defaults (../shared/reference/README.md), applies the measurement's
 * parameter settings, computes the shapesys tau and staterror widths, and binds modifiers to parameters.
 */
final class ModelBuilder {

    private ModelBuilder() {
    }

    /** A modifier name's parameter set while it is being assembled. */
    private static final class ParamSet {
        final String name;
        String type;
        final int size;
        final String firstPath;
        final List<double[]> shapesysData = new ArrayList<>();
        final List<double[]> shapesysNominal = new ArrayList<>();
        double[] statErr2;
        double[] statNominal;
        int offset = -1;

        ParamSet(String name, String type, int size, String firstPath) {
            this.name = name;
            this.type = type;
            this.size = size;
            this.firstPath = firstPath;
        }

        boolean vector() {
            return type.equals("shapesys") || type.equals("staterror") || type.equals("shapefactor");
        }
    }

    static Model build(Workspace ws, String measurementName, Interpolation interp) {
        Measurement meas = ws.measurement(measurementName);
        int measIndex = ws.measurements().indexOf(meas);
        Map<String, ParamSet> sets = new LinkedHashMap<>();
        for (int c = 0; c < ws.channels().size(); c++) {
            Channel ch = ws.channels().get(c);
            for (int s = 0; s < ch.samples().size(); s++) {
                Sample sample = ch.samples().get(s);
                for (int m = 0; m < sample.modifiers().size(); m++) {
                    ModifierSpec mod = sample.modifiers().get(m);
                    String path = "channels[" + c + "].samples[" + s + "].modifiers[" + m + "]";
                    collect(sets, mod, sample, ch, path);
                }
            }
        }
        // order: the parameter of interest first, then sets in order of appearance
        ParamSet poiSet = sets.get(meas.poi());
        String poiPath = "measurements[" + measIndex + "].config.poi";
        if (poiSet == null) {
            throw Workspace.err(poiPath, "'" + meas.poi() + "' is not a parameter of the model; parameters: "
                    + sets.keySet());
        }
        if (poiSet.vector()) {
            throw Workspace.err(poiPath, "'" + meas.poi() + "' is a per-bin " + poiSet.type
                    + " parameter set; the parameter of interest must be a single parameter");
        }
        List<ParamSet> ordered = new ArrayList<>();
        ordered.add(poiSet);
        for (ParamSet p : sets.values()) {
            if (p != poiSet) {
                ordered.add(p);
            }
        }
        List<Parameter> params = new ArrayList<>();
        for (ParamSet set : ordered) {
            set.offset = params.size();
            ParameterConfig cfg = meas.parameter(set.name);
            int cfgIndex = cfg == null ? -1 : meas.parameters().indexOf(cfg);
            String cfgPath = "measurements[" + measIndex + "].config.parameters[" + cfgIndex + "]";
            params.addAll(parametersOf(set, cfg, cfgPath));
        }
        // every fit of the model holds its covariance and Hessians as n x n doubles (about four of them):
        // a workspace with millions of per-bin parameters is refused here in one line, not by an OutOfMemoryError
        org.nuisance.engine.data.InputChecks.requireMemory(params.size() + " parameters (a fit holds n x n matrices)",
                (long) params.size() * params.size(), 8, 4);
        int poi = 0;
        // samples
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
                    ParamSet set = sets.get(mod.name());
                    Modifier bound = bind(mod, set, sample, params, interp);
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

    private static void collect(Map<String, ParamSet> sets, ModifierSpec mod, Sample sample, Channel ch, String path) {
        String type = mod.type();
        int size = switch (type) {
            case "shapesys", "staterror", "shapefactor" -> ch.bins();
            default -> 1;
        };
        ParamSet set = sets.get(mod.name());
        if (set == null) {
            set = new ParamSet(mod.name(), type, size, path);
            sets.put(mod.name(), set);
        } else {
            boolean alphaPair = (set.type.equals("normsys") || set.type.equals("histosys"))
                    && (type.equals("normsys") || type.equals("histosys"));
            if (!set.type.equals(type) && !alphaPair) {
                throw Workspace.err(path + ".type", "modifier '" + mod.name() + "' is a " + type + " here but a "
                        + set.type + " at " + set.firstPath + "; one name, one kind of parameter");
            }
            if (set.size != size) {
                throw Workspace.err(path, "modifier '" + mod.name() + "' needs " + size + " parameters here but "
                        + set.size + " at " + set.firstPath + " (channels with different bin counts)");
            }
            if (type.equals("shapesys")) {
                throw Workspace.err(path, "shapesys '" + mod.name() + "' is already used at " + set.firstPath
                        + "; each shapesys needs its own name");
            }
        }
        if (type.equals("normsys") && !(mod.hi() > 0 && mod.lo() > 0)) {
            throw Workspace.err(path + ".data", "normsys hi and lo must be > 0, got hi = " + mod.hi() + ", lo = "
                    + mod.lo());
        }
        if (type.equals("shapesys")) {
            set.shapesysData.add(mod.values());
            set.shapesysNominal.add(sample.data());
        }
        if (type.equals("staterror")) {
            if (set.statErr2 == null) {
                set.statErr2 = new double[size];
                set.statNominal = new double[size];
            }
            for (int b = 0; b < size; b++) {
                set.statErr2[b] += mod.values()[b] * mod.values()[b];
                set.statNominal[b] += sample.data()[b];
            }
        }
    }

    private static List<Parameter> parametersOf(ParamSet set, ParameterConfig cfg, String cfgPath) {
        int n = set.size;
        double[] init = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        boolean[] fixed = new boolean[n];
        Constraint[] con = new Constraint[n];
        double[] aux = new double[n];
        double[] width = new double[n];
        for (int i = 0; i < n; i++) {
            aux[i] = Double.NaN;
            width[i] = Double.NaN;
            switch (set.type) {
                case "normfactor", "shapefactor" -> {
                    init[i] = 1;
                    lo[i] = 0;
                    hi[i] = 10;
                    con[i] = Constraint.NONE;
                }
                case "normsys", "histosys" -> {
                    init[i] = 0;
                    lo[i] = -5;
                    hi[i] = 5;
                    con[i] = Constraint.GAUSSIAN;
                    aux[i] = 0;
                    width[i] = 1;
                }
                case "shapesys" -> {
                    init[i] = 1;
                    lo[i] = 1e-10;
                    hi[i] = 10;
                    double sigma = set.shapesysData.get(0)[i];
                    double nom = set.shapesysNominal.get(0)[i];
                    if (sigma > 0 && nom > 0) {
                        double tau = (nom / sigma) * (nom / sigma);
                        con[i] = Constraint.POISSON;
                        aux[i] = tau;
                        width[i] = tau;
                    } else {
                        con[i] = Constraint.NONE;
                        fixed[i] = true;
                    }
                }
                case "staterror" -> {
                    init[i] = 1;
                    lo[i] = 1e-10;
                    hi[i] = 10;
                    double delta = set.statNominal[i] > 0 ? Math.sqrt(set.statErr2[i]) / set.statNominal[i] : 0;
                    if (delta > 0) {
                        con[i] = Constraint.GAUSSIAN;
                        aux[i] = 1;
                        width[i] = delta;
                    } else {
                        con[i] = Constraint.NONE;
                        fixed[i] = true;
                    }
                }
                case "lumi" -> {
                    if (cfg == null || cfg.auxdata() == null || cfg.sigmas() == null) {
                        throw Workspace.err("measurements", "lumi modifier '" + set.name
                                + "' needs a parameter config with auxdata and sigmas in the measurement");
                    }
                    con[i] = Constraint.GAUSSIAN;
                    aux[i] = cfg.auxdata()[0];
                    width[i] = cfg.sigmas()[0];
                    init[i] = aux[i];
                    lo[i] = 0;
                    hi[i] = 10 * aux[i];
                }
                default -> throw new IllegalStateException(set.type);
            }
        }
        if (cfg != null) {
            if (cfg.inits() != null) {
                check(cfg.inits().length, n, cfgPath + ".inits");
                System.arraycopy(cfg.inits(), 0, init, 0, n);
            }
            if (cfg.bounds() != null) {
                check(cfg.bounds().length, n, cfgPath + ".bounds");
                for (int i = 0; i < n; i++) {
                    lo[i] = cfg.bounds()[i][0];
                    hi[i] = cfg.bounds()[i][1];
                }
            }
            if (cfg.auxdata() != null) {
                check(cfg.auxdata().length, n, cfgPath + ".auxdata");
                for (int i = 0; i < n; i++) {
                    if (con[i] == Constraint.GAUSSIAN) {
                        aux[i] = cfg.auxdata()[i];
                    }
                }
            }
            if (cfg.sigmas() != null) {
                check(cfg.sigmas().length, n, cfgPath + ".sigmas");
                for (int i = 0; i < n; i++) {
                    if (con[i] == Constraint.GAUSSIAN) {
                        width[i] = cfg.sigmas()[i];
                    }
                }
            }
            if (cfg.fixed() != null && cfg.fixed()) {
                for (int i = 0; i < n; i++) {
                    fixed[i] = true;
                }
            }
        }
        List<Parameter> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!(init[i] >= lo[i] && init[i] <= hi[i]) && !fixed[i]) {
                throw Workspace.err(cfgPath, "init " + init[i] + " of '" + set.name + "' is outside its bounds ["
                        + lo[i] + ", " + hi[i] + "]");
            }
            String name = set.vector() ? set.name + "[" + i + "]" : set.name;
            out.add(new Parameter(name, set.name, set.type, init[i], lo[i], hi[i], fixed[i], con[i], aux[i], width[i]));
        }
        return out;
    }

    private static void check(int got, int expected, String path) {
        if (got != expected) {
            throw Workspace.err(path, "expected " + expected + " values, got " + got);
        }
    }

    private static Modifier bind(ModifierSpec mod, ParamSet set, Sample sample, List<Parameter> params,
                                 Interpolation interp) {
        int bins = sample.data().length;
        int[] idx = new int[bins];
        for (int b = 0; b < bins; b++) {
            idx[b] = set.size == 1 ? set.offset : set.offset + b;
        }
        switch (mod.type()) {
            case "normfactor":
                return new NormFactor(mod.name(), idx);
            case "shapefactor":
                return new ShapeFactor(mod.name(), idx);
            case "lumi":
                return new Lumi(mod.name(), idx);
            case "shapesys":
            case "staterror":
                for (int b = 0; b < bins; b++) {
                    Parameter p = params.get(idx[b]);
                    if (p.fixed() && p.constraint() == Constraint.NONE && p.init() == 1) {
                        idx[b] = -1; // no free gamma in this bin: the factor is 1
                    }
                }
                return mod.type().equals("shapesys") ? new ShapeSys(mod.name(), idx) : new StatError(mod.name(), idx);
            case "normsys":
                return new NormSys(mod.name(), set.offset, mod.hi(), mod.lo(), interp.normsys());
            case "histosys":
                return new HistoSys(mod.name(), set.offset, sample.data(), mod.hiData(), mod.loData(), interp.histosys());
            default:
                throw new IllegalStateException(mod.type());
        }
    }
}
