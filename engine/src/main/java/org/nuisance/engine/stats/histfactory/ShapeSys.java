package org.nuisance.engine.stats.histfactory;

import java.util.List;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * shapesys: an uncorrelated per-bin uncertainty, gamma_b with a Poisson constraint Pois(tau_b | gamma_b tau_b),
 * tau_b = (nominal_b / sigma_b)^2; a bin with sigma 0 (or nominal 0) has no free gamma. Bounds [1e-10, 10].
 */
public final class ShapeSys extends ParameterFactor {

    /** The type's name in the JSON. */
    public static final String TYPE = "shapesys";

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
            return new ShapeSys(name, set.freeGammas(sample.data().length, params));
        }
    }

    /**
     * A shapesys's gammas: one name, one sample (a second use is refused); tau_b from that sample's
     * nominal and uncertainty; bins without either are fixed at 1.
     */
    private static final class Gammas extends ParameterSet {
        private double[] sigmas;
        private double[] nominal;

        Gammas(String name, int bins, String path) {
            super(name, TYPE, bins, true, path);
        }

        @Override
        void collect(Workspace.ModifierSpec spec, Sample sample, String path) {
            if (sigmas != null) {
                throw Workspace.err(path, "shapesys '" + name + "' is already used at " + firstPath
                        + "; each shapesys needs its own name");
            }
            sigmas = ((Spec) spec).sigmas();
            nominal = sample.data();
        }

        @Override
        Defaults defaults(int i, ParameterConfig cfg) {
            double sigma = sigmas[i];
            double nom = nominal[i];
            if (sigma > 0 && nom > 0) {
                double tau = (nom / sigma) * (nom / sigma);
                return new Defaults(1, 1e-10, 10, false, Parameter.Constraint.POISSON, tau, tau);
            }
            return Defaults.none(1, 1e-10, 10);
        }
    }

    ShapeSys(String name, int[] param) {
        super(name, param);
    }
}
