package org.nuisance.engine.stats.histfactory;

import java.util.List;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * staterror: Barlow-Beeston-lite MC statistics, gamma_b with a Gaussian constraint N(1 | gamma_b, delta_b),
 * delta_b = sqrt(sum_s err_sb^2) / sum_s nominal_sb over the samples sharing the modifier; bins with delta 0 have
 * no free gamma. Bounds [1e-10, 10].
 */
public final class StatError extends ParameterFactor {

    /** The type's name in the JSON. */
    public static final String TYPE = "staterror";

    /** The modifier as written in the JSON: the parameter set's name and absolute uncertainties per bin. */
    public record Spec(String name, double[] sigmas) implements Workspace.UncertaintySpec {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public ParameterSet parameterSet(Sample sample, int bins, String path) {
            return new Gammas(name, bins, path);
        }

        @Override
        public Modifier bind(ParameterSet set, Sample sample, List<Parameter> params, Interpolation interp) {
            return new StatError(name, set.freeGammas(sample.data().length, params));
        }
    }

    /**
     * A staterror's gammas, shared by the samples that name it: their uncertainties add in quadrature
     * and their nominals add, delta_b = sqrt(sum err^2) / sum nominal; bins with delta 0 are fixed at 1.
     */
    private static final class Gammas extends ParameterSet {
        private final double[] err2;
        private final double[] nominal;

        Gammas(String name, int bins, String path) {
            super(name, TYPE, bins, true, path);
            this.err2 = new double[bins];
            this.nominal = new double[bins];
        }

        @Override
        void collect(Workspace.ModifierSpec spec, Sample sample, String path) {
            double[] sigmas = ((Spec) spec).sigmas();
            for (int b = 0; b < size; b++) {
                err2[b] += sigmas[b] * sigmas[b];
                nominal[b] += sample.data()[b];
            }
        }

        @Override
        Defaults defaults(int i, ParameterConfig cfg) {
            double delta = nominal[i] > 0 ? Math.sqrt(err2[i]) / nominal[i] : 0;
            return delta > 0 ? Defaults.gaussian(1, 1e-10, 10, 1, delta) : Defaults.none(1, 1e-10, 10);
        }
    }

    StatError(String name, int[] param) {
        super(name, param);
    }
}
