package org.nuisance.engine.stats.histfactory;

/**
 * staterror: Barlow-Beeston-lite MC statistics, gamma_b with a Gaussian constraint N(1 | gamma_b, delta_b),
 * delta_b = sqrt(sum_s err_sb^2) / sum_s nominal_sb over the samples sharing the modifier; bins with delta 0 have
 * no free gamma. Bounds [1e-10, 10].
 */
final class StatError extends ParameterFactor {
    StatError(String name, int[] param) {
        super(name, param);
    }
}
