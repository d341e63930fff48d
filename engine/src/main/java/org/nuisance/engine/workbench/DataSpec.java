package org.nuisance.engine.workbench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which data the window shows and fits: fixed until the user chooses another, whatever the sliders do.
 * The observed data (a workspace's observations, or the loaded events themselves), one Poisson
 * pseudo-dataset generated at chosen truth values with a seed (the same numbers every time it is
 * regenerated), or the Asimov dataset at chosen truth values. Truth values are by parameter name, in
 * the parameters' own units (physical values for the HiggsML parameters, the model's for a workspace);
 * a parameter not named is at its nominal.
 */
public sealed interface DataSpec permits DataSpec.Observed, DataSpec.PseudoData, DataSpec.Asimov {

    /** A name for legends and the likelihood view, e.g. "Pseudo-data: truth μ=1, tes=1.02, seed 4". */
    String describe(Source source);

    /** The observed data of the source: a workspace's observations, or the events as data. */
    record Observed() implements DataSpec {
        @Override
        public String describe(Source source) {
            String name = source == null ? "" : " (" + source.name() + ")";
            return source instanceof EventsSource ? "Events as data" + name : "Observed" + name;
        }
    }

    /** A Poisson pseudo-dataset around the expectation at the truth values, from the seed. */
    record PseudoData(Map<String, Double> truth, long seed) implements DataSpec {
        public PseudoData {
            truth = Collections.unmodifiableMap(new LinkedHashMap<>(truth));
        }

        @Override
        public String describe(Source source) {
            return "Pseudo-data: truth " + format(truth) + ", seed " + seed;
        }
    }

    /** The expectation at the truth values as data (Asimov). */
    record Asimov(Map<String, Double> truth) implements DataSpec {
        public Asimov {
            truth = Collections.unmodifiableMap(new LinkedHashMap<>(truth));
        }

        @Override
        public String describe(Source source) {
            return "Asimov: truth " + format(truth);
        }
    }

    /** The truth values that differ from nominal, with μ first: "μ=1, tes=1.02". */
    static String format(Map<String, Double> truth) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : truth.entrySet()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            String name = e.getKey().equals("mu") ? "\u03bc" : e.getKey();
            b.append(name).append('=').append(String.format(Locale.ROOT, "%.4g", e.getValue())
                    .replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", ""));
        }
        return b.length() == 0 ? "nominal" : b.toString();
    }
}
