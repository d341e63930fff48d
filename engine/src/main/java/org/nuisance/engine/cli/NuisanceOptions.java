package org.nuisance.engine.cli;

import org.nuisance.engine.higgsml.NuisanceValues;
import picocli.CommandLine.Option;

/** The nuisance parameters and signal strength as command-line options, validated against their ranges. */
public final class NuisanceOptions {
    @Option(names = "--tes", paramLabel = "X", defaultValue = "1", description = "Tau energy scale [0.9, 1.1].")
    double tes;
    @Option(names = "--jes", paramLabel = "X", defaultValue = "1", description = "Jet energy scale [0.9, 1.1].")
    double jes;
    @Option(names = "--soft-met", paramLabel = "X", defaultValue = "0", description = "Soft MET smearing in GeV [0, 5].")
    double softMet;
    @Option(names = "--bkg-scale", paramLabel = "X", defaultValue = "1", description = "Background normalisation [0.99, 1.01].")
    double bkgScale;
    @Option(names = "--ttbar-scale", paramLabel = "X", defaultValue = "1", description = "ttbar normalisation [0.8, 1.2].")
    double ttbarScale;
    @Option(names = "--diboson-scale", paramLabel = "X", defaultValue = "1", description = "Diboson normalisation [0, 2].")
    double dibosonScale;
    @Option(names = "--mu", paramLabel = "X", defaultValue = "1", description = "Signal strength [0, 10].")
    double mu;

    public NuisanceValues values() {
        return new NuisanceValues(tes, jes, softMet, ttbarScale, dibosonScale, bkgScale, mu).validate();
    }
}
