package org.nuisance.engine.stats.histfactory;

/**
 * What a likelihood is evaluated on: observed counts per bin (all channels, in model order) and one
 * auxiliary datum per parameter (NaN for unconstrained parameters).
 */
public record Data(double[] counts, double[] aux) {
}
