package org.nuisance.app.data;

import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.nuisance.engine.workbench.DataSpec;

/**
 * Which data the window shows and fits. The choice is fixed when made: a pseudo-dataset or Asimov
 * dataset takes the sliders' values at that moment as its truth, and no later slider move (a Fit
 * included) changes it. Only the user changes it: another choice, another seed, or "truth from sliders".
 */
public final class DataViewModel {

    /** The three kinds of data, as the chooser lists them. */
    public enum Kind {
        OBSERVED("Observed data"),
        PSEUDO("Pseudo-data (Poisson)"),
        ASIMOV("Asimov data");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        public static Kind of(DataSpec s) {
            return s instanceof DataSpec.PseudoData ? PSEUDO : s instanceof DataSpec.Asimov ? ASIMOV : OBSERVED;
        }
    }

    private final ObjectProperty<DataSpec> spec = new SimpleObjectProperty<>(new DataSpec.Observed());
    private Supplier<Map<String, Double>> sliders = Map::of;

    /** Where the truth of a new pseudo- or Asimov dataset comes from: the current sliders. */
    public void setSliders(Supplier<Map<String, Double>> sliders) {
        this.sliders = sliders;
    }

    /** Chooses the kind of data; a pseudo- or Asimov dataset is made at the sliders' current values. */
    public void choose(Kind kind) {
        if (kind == Kind.of(spec.get())) {
            return;
        }
        switch (kind) {
            case PSEUDO -> spec.set(new DataSpec.PseudoData(sliders.get(), seed()));
            case ASIMOV -> spec.set(new DataSpec.Asimov(sliders.get()));
            default -> spec.set(new DataSpec.Observed());
        }
    }

    /** A pseudo-dataset with the same truth and another seed. */
    public void setSeed(long seed) {
        if (spec.get() instanceof DataSpec.PseudoData p && p.seed() != seed) {
            spec.set(new DataSpec.PseudoData(p.truth(), seed));
        }
    }

    /** The seed of the current pseudo-dataset, or 1. */
    public long seed() {
        return spec.get() instanceof DataSpec.PseudoData p ? p.seed() : 1;
    }

    /** Regenerates the pseudo- or Asimov dataset with the sliders' current values as truth. */
    public void truthFromSliders() {
        DataSpec s = spec.get();
        if (s instanceof DataSpec.PseudoData p) {
            spec.set(new DataSpec.PseudoData(sliders.get(), p.seed()));
        } else if (s instanceof DataSpec.Asimov) {
            spec.set(new DataSpec.Asimov(sliders.get()));
        }
    }

    public ObjectProperty<DataSpec> specProperty() {
        return spec;
    }
}
