package org.nuisance.app.nuisance;

import java.util.EnumMap;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;

/** The sliders' state: one value and one fixed/floating flag per nuisance parameter, and their combination. */
public final class NuisanceViewModel {

    private final Map<NuisanceParameter, DoubleProperty> values = new EnumMap<>(NuisanceParameter.class);
    private final Map<NuisanceParameter, BooleanProperty> fixed = new EnumMap<>(NuisanceParameter.class);
    private final ObjectProperty<NuisanceValues> current = new SimpleObjectProperty<>(NuisanceValues.NOMINAL);

    public NuisanceViewModel() {
        for (NuisanceParameter p : NuisanceParameter.values()) {
            DoubleProperty v = new SimpleDoubleProperty(p.nominal());
            v.addListener((obs, old, now) -> {
                double clamped = Math.max(p.min(), Math.min(p.max(), now.doubleValue()));
                if (clamped != now.doubleValue()) {
                    v.set(clamped);
                    return;
                }
                current.set(current.get().with(p, clamped));
            });
            values.put(p, v);
            fixed.put(p, new SimpleBooleanProperty(false));
        }
    }

    public DoubleProperty value(NuisanceParameter p) {
        return values.get(p);
    }

    /** True if the parameter is held at its value in fits. */
    public BooleanProperty fixed(NuisanceParameter p) {
        return fixed.get(p);
    }

    /** All parameters at once; updated whenever one slider moves. */
    public ObjectProperty<NuisanceValues> currentProperty() {
        return current;
    }

    public void reset(NuisanceParameter p) {
        values.get(p).set(p.nominal());
    }

    public void resetAll() {
        for (NuisanceParameter p : NuisanceParameter.values()) {
            reset(p);
        }
    }

    /** Moves the parameter to k sampling widths (the engine's one definition of k sigma), within its range. */
    public void setSigma(NuisanceParameter p, double k) {
        values.get(p).set(p.clippedValueAtSigma(k));
    }

    public void setAll(NuisanceValues v) {
        for (NuisanceParameter p : NuisanceParameter.values()) {
            values.get(p).set(v.get(p));
        }
    }
}
