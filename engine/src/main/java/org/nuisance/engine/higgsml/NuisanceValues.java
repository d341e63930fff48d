package org.nuisance.engine.higgsml;

import org.nuisance.engine.data.InputException;

/**
 * One point in nuisance-parameter space: the six FAIR Universe parameters and the signal strength.
 * {@link #validate()} rejects values outside the challenge's allowed ranges.
 */
public record NuisanceValues(double tes, double jes, double softMet, double ttbarScale, double dibosonScale,
                             double bkgScale, double mu) {

    public static final NuisanceValues NOMINAL = new NuisanceValues(1, 1, 0, 1, 1, 1, 1);

    public double get(NuisanceParameter p) {
        return switch (p) {
            case TES -> tes;
            case JES -> jes;
            case SOFT_MET -> softMet;
            case TTBAR_SCALE -> ttbarScale;
            case DIBOSON_SCALE -> dibosonScale;
            case BKG_SCALE -> bkgScale;
            case MU -> mu;
        };
    }

    public NuisanceValues with(NuisanceParameter p, double v) {
        return new NuisanceValues(
                p == NuisanceParameter.TES ? v : tes,
                p == NuisanceParameter.JES ? v : jes,
                p == NuisanceParameter.SOFT_MET ? v : softMet,
                p == NuisanceParameter.TTBAR_SCALE ? v : ttbarScale,
                p == NuisanceParameter.DIBOSON_SCALE ? v : dibosonScale,
                p == NuisanceParameter.BKG_SCALE ? v : bkgScale,
                p == NuisanceParameter.MU ? v : mu);
    }

    /** @throws InputException naming the first parameter outside its allowed range */
    public NuisanceValues validate() {
        for (NuisanceParameter p : NuisanceParameter.values()) {
            double v = get(p);
            if (!(v >= p.min() && v <= p.max())) {
                throw new InputException(p.key() + " = " + v + " is outside its allowed range ["
                        + p.min() + ", " + p.max() + "]");
            }
        }
        return this;
    }

    /** The weight factor of a process (step 8 of the specification); 1 for unknown process names. */
    public double weightFactor(String process) {
        return switch (process) {
            case "htautau", "s", "signal" -> mu;
            case "ztautau" -> bkgScale;
            case "ttbar" -> ttbarScale * bkgScale;
            case "diboson" -> dibosonScale * bkgScale;
            case "b", "background" -> bkgScale;
            default -> 1.0;
        };
    }

    /** True if the shape parameters are all at their nominal values, so events need no recomputation. */
    public boolean isNominalShape() {
        return tes == 1.0 && jes == 1.0 && softMet == 0.0;
    }
}
