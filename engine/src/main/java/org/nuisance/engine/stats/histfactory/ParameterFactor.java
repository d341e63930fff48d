package org.nuisance.engine.stats.histfactory;

/**
 * A modifier whose factor in a bin is the value of a parameter: normfactor, lumi (one parameter for all
 * bins), shapefactor, shapesys and staterror (one gamma per bin). They differ in their constraints,
 * which the subclasses document and {@link ModelBuilder} attaches to the parameters.
 */
abstract class ParameterFactor implements Modifier {
    private final String name;
    private final int[] param;

    /** @param param parameter index per bin (the same index in every bin for normfactor and lumi) */
    ParameterFactor(String name, int[] param) {
        this.name = name;
        this.param = param;
    }

    @Override
    public boolean additive() {
        return false;
    }

    @Override
    public int parameter(int bin) {
        return param[bin];
    }

    @Override
    public double value(int bin, double x) {
        return x;
    }

    @Override
    public double derivative(int bin, double x) {
        return 1;
    }

    @Override
    public String name() {
        return name;
    }
}
