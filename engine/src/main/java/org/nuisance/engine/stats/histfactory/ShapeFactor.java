package org.nuisance.engine.stats.histfactory;

import java.util.List;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * shapefactor: one free factor per bin (data-driven shapes); unconstrained, init 1, bounds [0, 10].
 */
public final class ShapeFactor extends ParameterFactor {

    /** The type's name in the JSON. */
    public static final String TYPE = "shapefactor";

    /** The modifier as written in the JSON: the parameter's name; no data. */
    public record Spec(String name) implements Workspace.DatalessSpec {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public ParameterSet parameterSet(Sample sample, int bins, String path) {
            return new ParameterSet(name, TYPE, bins, true, path) {
                @Override
                Defaults defaults(int i, ParameterConfig cfg) {
                    return Defaults.free(1, 0, 10);
                }
            };
        }

        @Override
        public Modifier bind(ParameterSet set, Sample sample, List<Parameter> params, Interpolation interp) {
            return new ShapeFactor(name, set.indices(sample.data().length));
        }
    }

    ShapeFactor(String name, int[] param) {
        super(name, param);
    }
}
