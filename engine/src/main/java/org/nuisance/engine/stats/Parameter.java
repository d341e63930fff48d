package org.nuisance.engine.stats;

/**
 * One scalar parameter of a model: its name ({@code alpha}, {@code mu}, or {@code gamma[3]} for a
 * per-bin set), the modifier type that created it, starting value, bounds, whether it is fixed, and its
 * constraint: none, Gaussian (auxiliary datum {@code aux}, width {@code width}) or Poisson (auxiliary
 * datum {@code aux}, scale tau = {@code width}; pdf Pois(aux | x tau)).
 */
public record Parameter(String name, String set, String type, double init, double lo, double hi, boolean fixed,
                        Constraint constraint, double aux, double width) {

    public enum Constraint { NONE, GAUSSIAN, POISSON }

    public boolean constrained() {
        return constraint != Constraint.NONE;
    }

    /** The prior width of the parameter: the Gaussian sigma, 1/sqrt(tau) for Poisson, NaN if free. */
    public double priorSigma() {
        return switch (constraint) {
            case GAUSSIAN -> width;
            case POISSON -> 1 / Math.sqrt(width);
            case NONE -> Double.NaN;
        };
    }

    /** The expected auxiliary datum when the parameter has value x (Asimov auxdata). */
    public double expectedAux(double x) {
        return switch (constraint) {
            case GAUSSIAN -> x;
            case POISSON -> x * width;
            case NONE -> Double.NaN;
        };
    }

    /** The constraint's centre in parameter units (aux for Gaussian, aux / tau for Poisson). */
    public double centre() {
        return switch (constraint) {
            case GAUSSIAN -> aux;
            case POISSON -> aux / width;
            case NONE -> Double.NaN;
        };
    }
}
