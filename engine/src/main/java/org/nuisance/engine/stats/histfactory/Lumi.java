package org.nuisance.engine.stats.histfactory;

import java.util.List;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * lumi: the sample times the luminosity parameter, Gaussian-constrained with the measurement's auxdata and sigmas.
 */
public final class Lumi extends ParameterFactor {

    /** The type's name in the JSON. */
    public static final String TYPE = "lumi";

    /** The modifier as written in the JSON: the parameter's name; no data. */
    public record Spec(String name) implements Workspace.DatalessSpec {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public ParameterSet parameterSet(Sample sample, int bins, String path) {
            return new ParameterSet(name, TYPE, 1, false, path) {
                @Override
                Defaults defaults(int i, ParameterConfig cfg) {
                    if (cfg == null || cfg.auxdata() == null || cfg.sigmas() == null) {
                        throw Workspace.err("measurements", "lumi modifier '" + name
                                + "' needs a parameter config with auxdata and sigmas in the measurement");
                    }
                    double aux = cfg.auxdata()[0];
                    return Defaults.gaussian(aux, 0, 10 * aux, aux, cfg.sigmas()[0]);
                }
            };
        }

        @Override
        public Modifier bind(ParameterSet set, Sample sample, List<Parameter> params, Interpolation interp) {
            return new Lumi(name, set.indices(sample.data().length));
        }
    }

    Lumi(String name, int[] param) {
        super(name, param);
    }
}
