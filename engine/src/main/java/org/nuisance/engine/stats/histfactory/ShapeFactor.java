package org.nuisance.engine.stats.histfactory;

/**
 * shapefactor: one free factor per bin (data-driven shapes); unconstrained, init 1, bounds [0, 10].
 */
final class ShapeFactor extends ParameterFactor {
    ShapeFactor(String name, int[] param) {
        super(name, param);
    }
}
