package org.nuisance.engine.stats.histfactory;

/**
 * shapesys: an uncorrelated per-bin uncertainty, gamma_b with a Poisson constraint Pois(tau_b | gamma_b tau_b),
 * tau_b = (nominal_b / sigma_b)^2; a bin with sigma 0 (or nominal 0) has no free gamma. Bounds [1e-10, 10].
 */
final class ShapeSys extends ParameterFactor {
    ShapeSys(String name, int[] param) {
        super(name, param);
    }
}
