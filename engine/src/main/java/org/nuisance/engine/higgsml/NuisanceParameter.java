package org.nuisance.engine.higgsml;

/**
 * The FAIR Universe HiggsML Uncertainty Challenge's nuisance parameters and the signal strength, with
 * their nominal values, the laws the challenge's test harness samples them from, and their allowed
 * ranges (../shared/reference/HIGGSML.md, from the challenge's ingestion program).
 */
public enum NuisanceParameter {
    TES("tes", "tau energy scale", 1.0, 0.01, 0.9, 1.1, Law.GAUSSIAN,
            "Multiplies the hadronic tau's pT; the missing transverse energy absorbs the change."),
    JES("jes", "jet energy scale", 1.0, 0.01, 0.9, 1.1, Law.GAUSSIAN,
            "Multiplies every jet's pT; the missing transverse energy absorbs the change."),
    SOFT_MET("soft_met", "soft MET (GeV)", 0.0, 1.0, 0.0, 5.0, Law.LOG_NORMAL,
            "Width in GeV of an extra random soft term added to each component of the missing transverse energy."),
    TTBAR_SCALE("ttbar_scale", "ttbar normalisation", 1.0, 0.02, 0.8, 1.2, Law.GAUSSIAN,
            "Scales the weights of ttbar events."),
    DIBOSON_SCALE("diboson_scale", "diboson normalisation", 1.0, 0.25, 0.0, 2.0, Law.GAUSSIAN,
            "Scales the weights of diboson events."),
    BKG_SCALE("bkg_scale", "background normalisation", 1.0, 0.001, 0.99, 1.01, Law.GAUSSIAN,
            "Scales the weights of every background process."),
    MU("mu", "signal strength", 1.0, 0.0, 0.0, 10.0, Law.NONE,
            "Signal strength: the Higgs signal's cross section in units of the Standard Model prediction.");

    /** How the challenge's harness draws the parameter for a pseudo-experiment. */
    public enum Law { GAUSSIAN, LOG_NORMAL, NONE }

    private final String key;
    private final String label;
    private final double nominal;
    private final double sigma;
    private final double min;
    private final double max;
    private final Law law;
    private final String description;

    NuisanceParameter(String key, String label, double nominal, double sigma, double min, double max, Law law,
                      String description) {
        this.key = key;
        this.label = label;
        this.nominal = nominal;
        this.sigma = sigma;
        this.min = min;
        this.max = max;
        this.law = law;
        this.description = description;
    }

    /** The name used in the challenge's code and on the command line (with '_' as '-'). */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public double nominal() {
        return nominal;
    }

    /** Width of the sampling law: the Gaussian sigma, or the log-normal's sigma parameter. */
    public double sigma() {
        return sigma;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public Law law() {
        return law;
    }

    /** One sentence on what the parameter does, for tooltips and help. */
    public String description() {
        return description;
    }

    /** True for the parameters that move events (and so need a recomputation), not only weights. */
    public boolean isShape() {
        return this == TES || this == JES || this == SOFT_MET;
    }

    /**
     * The value k sampling widths from the centre of the parameter's law, not clipped to its range: the
     * one definition of +-k sigma that the window's buttons, the templates and the pseudo-experiments use.
     * Gaussian: nominal + k sigma; log-normal (soft_met): exp(k sigma), so 0 sigma is the law's median
     * of 1 GeV and -1 sigma is e^-sigma; a parameter without a law stays at its nominal.
     */
    public double valueAtSigma(double k) {
        return switch (law) {
            case GAUSSIAN -> nominal + k * sigma;
            case LOG_NORMAL -> Math.exp(k * sigma);
            case NONE -> nominal;
        };
    }

    /** As {@link #valueAtSigma}, clipped to the allowed range [min, max]. */
    public double clippedValueAtSigma(double k) {
        return Math.max(min, Math.min(max, valueAtSigma(k)));
    }

    public static NuisanceParameter byKey(String key) {
        for (NuisanceParameter p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown nuisance parameter '" + key + "'");
    }
}
