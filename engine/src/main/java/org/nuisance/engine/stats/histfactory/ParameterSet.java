package org.nuisance.engine.stats.histfactory;

import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.Parameter.Constraint;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * The parameters of one modifier name while a model is compiled (pyhf's modifier builders): created by
 * the first modifier of that name, joined by every later one (which must be of a compatible type and
 * size, and may contribute data, as staterror sums its samples' uncertainties), then finalised into
 * {@link Parameter}s: the type's defaults and constraint ({@link #defaults}) with the measurement's
 * parameter settings applied. Each modifier type has its own subclass, next to its spec and its effect.
 */
abstract class ParameterSet {

    /** One parameter's settings before the measurement's configuration is applied. */
    record Defaults(double init, double lo, double hi, boolean fixed, Constraint constraint, double aux,
                    double width) {

        static Defaults free(double init, double lo, double hi) {
            return new Defaults(init, lo, hi, false, Constraint.NONE, Double.NaN, Double.NaN);
        }

        static Defaults gaussian(double init, double lo, double hi, double aux, double width) {
            return new Defaults(init, lo, hi, false, Constraint.GAUSSIAN, aux, width);
        }

        /** A parameter with nothing to constrain it (a bin without uncertainty): fixed at init. */
        static Defaults none(double init, double lo, double hi) {
            return new Defaults(init, lo, hi, true, Constraint.NONE, Double.NaN, Double.NaN);
        }
    }

    final String name;
    final String type;
    final int size;
    final boolean perBin;
    final String firstPath;
    int offset = -1;

    /**
     * @param size   the number of parameters (1, or the channel's bins for per-bin types)
     * @param perBin whether the parameters are per bin (named name[i])
     */
    ParameterSet(String name, String type, int size, boolean perBin, String firstPath) {
        this.name = name;
        this.type = type;
        this.size = size;
        this.perBin = perBin;
        this.firstPath = firstPath;
    }

    /** Whether a modifier of this spec's type may share this set's parameters (default: the same type). */
    boolean accepts(ModifierSpec spec) {
        return spec.type().equals(type);
    }

    /**
     * Adds a use of this set's name (the first one included) by spec on sample (in a channel of bins
     * bins), at path in the workspace: checks that it fits, then {@link #collect}s what it contributes.
     */
    final void join(ModifierSpec spec, Sample sample, int bins, String path) {
        int size = perBin ? bins : 1;
        if (!accepts(spec)) {
            throw Workspace.err(path + ".type", "modifier '" + spec.name() + "' is a " + spec.type() + " here but a "
                    + type + " at " + firstPath + "; one name, one kind of parameter");
        }
        if (this.size != size) {
            throw Workspace.err(path, "modifier '" + spec.name() + "' needs " + size + " parameters here but "
                    + this.size + " at " + firstPath + " (channels with different bin counts)");
        }
        collect(spec, sample, path);
    }

    /** What one use contributes (uncertainties to combine, checks of its data); nothing by default. */
    void collect(ModifierSpec spec, Sample sample, String path) {
    }

    /** Parameter i's type defaults and constraint; cfg is the measurement's setting for the set, or null. */
    abstract Defaults defaults(int i, ParameterConfig cfg);

    /**
     * The parameters, the measurement's setting cfg (at cfgPath; null if none) applied over the defaults:
     * inits, bounds, auxdata and sigmas (of Gaussian constraints), fixed.
     */
    final List<Parameter> finalise(ParameterConfig cfg, String cfgPath) {
        int n = size;
        Defaults[] d = new Defaults[n];
        for (int i = 0; i < n; i++) {
            d[i] = defaults(i, cfg);
        }
        double[] init = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] aux = new double[n];
        double[] width = new double[n];
        boolean[] fixed = new boolean[n];
        for (int i = 0; i < n; i++) {
            init[i] = d[i].init();
            lo[i] = d[i].lo();
            hi[i] = d[i].hi();
            aux[i] = d[i].aux();
            width[i] = d[i].width();
            fixed[i] = d[i].fixed();
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
                    if (d[i].constraint() == Constraint.GAUSSIAN) {
                        aux[i] = cfg.auxdata()[i];
                    }
                }
            }
            if (cfg.sigmas() != null) {
                check(cfg.sigmas().length, n, cfgPath + ".sigmas");
                for (int i = 0; i < n; i++) {
                    if (d[i].constraint() == Constraint.GAUSSIAN) {
                        width[i] = cfg.sigmas()[i];
                    }
                }
            }
            if (cfg.fixed() != null && cfg.fixed()) {
                java.util.Arrays.fill(fixed, true);
            }
        }
        List<Parameter> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!(init[i] >= lo[i] && init[i] <= hi[i]) && !fixed[i]) {
                throw Workspace.err(cfgPath, "init " + init[i] + " of '" + name + "' is outside its bounds ["
                        + lo[i] + ", " + hi[i] + "]");
            }
            String pname = perBin ? name + "[" + i + "]" : name;
            out.add(new Parameter(pname, name, type, init[i], lo[i], hi[i], fixed[i], d[i].constraint(), aux[i],
                    width[i]));
        }
        return out;
    }

    private static void check(int got, int expected, String path) {
        if (got != expected) {
            throw Workspace.err(path, "expected " + expected + " values, got " + got);
        }
    }

    /** The parameter index acting on each of a sample's bins: offset (one for all) or offset + bin. */
    final int[] indices(int bins) {
        int[] idx = new int[bins];
        for (int b = 0; b < bins; b++) {
            idx[b] = perBin ? offset + b : offset;
        }
        return idx;
    }

    /**
     * As {@link #indices}, with -1 where the bin's parameter is fixed at 1 with no constraint (a per-bin
     * gamma without uncertainty): the factor is then 1.
     */
    final int[] freeGammas(int bins, List<Parameter> params) {
        int[] idx = indices(bins);
        for (int b = 0; b < bins; b++) {
            Parameter p = params.get(idx[b]);
            if (p.fixed() && p.constraint() == Constraint.NONE && p.init() == 1) {
                idx[b] = -1;
            }
        }
        return idx;
    }
}
