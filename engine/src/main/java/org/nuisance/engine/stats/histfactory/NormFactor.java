package org.nuisance.engine.stats.histfactory;

/**
 * normfactor: the sample times a free parameter (a signal strength); unconstrained, init 1, bounds [0, 10].
 */
final class NormFactor extends ParameterFactor {
    NormFactor(String name, int[] param) {
        super(name, param);
    }
}
