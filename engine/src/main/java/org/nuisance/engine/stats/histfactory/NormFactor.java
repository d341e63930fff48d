package org.nuisance.engine.stats.histfactory;

import java.util.List;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * normfactor: the sample times a free parameter (a signal strength); unconstrained, init 1, bounds [0, 10].
 */
public final class NormFactor extends ParameterFactor {

    /** The type's name in the JSON. */
    public static final String TYPE = "normfactor";

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
                    return Defaults.free(1, 0, 10);
                }
            };
        }

        @Override
        public Modifier bind(ParameterSet set, Sample sample, List<Parameter> params, Interpolation interp) {
            return new NormFactor(name, set.indices(sample.data().length));
        }
    }

    NormFactor(String name, int[] param) {
        super(name, param);
    }
}
