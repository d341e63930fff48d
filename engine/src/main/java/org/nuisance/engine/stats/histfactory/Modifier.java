package org.nuisance.engine.stats.histfactory;

/**
 * How one modifier changes one sample's expected counts, bin by bin (bins local to the sample's channel).
 * Every HistFactory modifier acts on a bin through one parameter: {@link #parameter(int)} names it (an
 * index into the model's parameter vector, or -1 where the bin is untouched), and {@link #value} and
 * {@link #derivative} take that parameter's value. Multiplicative modifiers return a factor, additive
 * ones (histosys) a delta added to the nominal before the factors apply (pyhf's op codes).
 */
public interface Modifier {

    /** True for histosys: a delta added to the nominal counts; false for factors. */
    boolean additive();

    /** Index of the parameter acting on a bin, or -1 if none does. */
    int parameter(int bin);

    /** The factor (or delta) in a bin when the parameter has value x. */
    double value(int bin, double x);

    /** d value / dx in a bin. */
    double derivative(int bin, double x);

    /** d^2 value / dx^2 in a bin. */
    double secondDerivative(int bin, double x);

    /**
     * The parameter value where the first derivative jumps (the piecewise interpolations at 0), or NaN
     * where the modifier is smooth.
     */
    default double kink() {
        return Double.NaN;
    }

    /** The modifier's name in the workspace (its parameter set). */
    String name();
}
