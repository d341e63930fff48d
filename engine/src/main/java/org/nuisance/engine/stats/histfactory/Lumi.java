package org.nuisance.engine.stats.histfactory;

/**
 * lumi: the sample times the luminosity parameter, Gaussian-constrained with the measurement's auxdata and sigmas.
 */
final class Lumi extends ParameterFactor {
    Lumi(String name, int[] param) {
        super(name, param);
    }
}
