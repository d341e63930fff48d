package org.nuisance.engine.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * A negative log-likelihood of a model's parameters on one fixed dataset: what fits, profile scans,
 * impacts, pulls and pseudo-experiments need, whatever the model is (the binned HistFactory model,
 * the unbinned neural likelihood). The dataset never changes through this interface: a new dataset is
 * a new Likelihood.
 * <p>
 * The minimiser sees {@link #reducedNll}, -ln L minus a data-dependent constant ({@link #constant}),
 * so that values near the minimum keep full precision. Implementations may keep scratch arrays and are
 * then not thread-safe: one per thread.
 */
public interface Likelihood {

    /** The parameters in the order of the vectors x, with bounds, constraints and starting values. */
    List<Parameter> parameters();

    /** Index of the parameter of interest in {@link #parameters}, or -1 if the model has none. */
    int poi();

    /**
     * The reduced -ln L at x and, if grad is not null, its gradient into grad. Returns +infinity where
     * the model is not defined (e.g. a negative expected count).
     */
    double reducedNll(double[] x, double[] grad);

    /**
     * The Hessian of the reduced -ln L at x into h (n x n). Returns false where it is not available or
     * not finite; callers then fall back to finite differences of the gradient.
     */
    boolean hessian(double[] x, double[][] h);

    /** The constant that {@link #nll} adds to {@link #reducedNll}. */
    double constant();

    /**
     * Where -ln L has a kink along each parameter (its first derivative jumps there, as with piecewise
     * interpolations at alpha = 0), NaN where it is smooth; null (the default) when it is smooth in all.
     * The minimiser treats kinks as moving bounds and reports parameters that end on one.
     */
    default double[] kinks() {
        return null;
    }

    /** -ln L at x. */
    default double nll(double[] x) {
        return constant() + reducedNll(x, null);
    }

    default int size() {
        return parameters().size();
    }

    default Parameter parameter(int i) {
        return parameters().get(i);
    }

    default List<String> parameterNames() {
        List<String> names = new ArrayList<>(size());
        for (Parameter p : parameters()) {
            names.add(p.name());
        }
        return names;
    }

    /** Index of the named parameter; throws naming the known parameters if there is none. */
    default int indexOf(String name) {
        List<Parameter> ps = parameters();
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no parameter '" + name + "'; parameters: " + parameterNames());
    }

    default double[] inits() {
        return parameters().stream().mapToDouble(Parameter::init).toArray();
    }

    default double[] lowerBounds() {
        return parameters().stream().mapToDouble(Parameter::lo).toArray();
    }

    default double[] upperBounds() {
        return parameters().stream().mapToDouble(Parameter::hi).toArray();
    }

    default boolean[] fixed() {
        List<Parameter> ps = parameters();
        boolean[] f = new boolean[ps.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ps.get(i).fixed();
        }
        return f;
    }
}
