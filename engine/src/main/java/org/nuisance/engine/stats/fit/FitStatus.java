package org.nuisance.engine.stats.fit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * What a fit can be trusted for, carried with every result that builds on a fit (fit, scan, hypotest,
 * limit): whether the minimiser converged (and why it stopped), the free parameters that ended at a
 * bound (their Hessian error is not an interval), the parameters whose Hessian is singular (no effect
 * on the likelihood, or exactly degenerate with others: their errors are undefined) or ill-conditioned
 * (nearly degenerate: errors and correlations are unreliable), with the condition number of the
 * correlation-scaled Hessian, and the bins whose expected yield is not positive at the result.
 * <p>
 * {@link #clean()} is true only for a converged fit with none of these; {@link #warnings()} gives one
 * sentence per problem, as shown on a warning line in text mode.
 */
public record FitStatus(boolean converged, String reason, List<String> atBound, List<String> singular,
                        List<String> illConditioned, double conditionNumber, List<String> nonPositiveYields,
                        int failedMinimisations) {

    /** Correlation-scaled Hessian condition number above which errors and correlations are unreliable. */
    public static final double ILL_CONDITIONED = 1e8;

    public FitStatus {
        reason = reason == null ? "" : reason;
        atBound = List.copyOf(atBound);
        singular = List.copyOf(singular);
        illConditioned = List.copyOf(illConditioned);
        nonPositiveYields = List.copyOf(nonPositiveYields);
    }

    /** A minimisation with no further diagnosis (no Hessian looked at). */
    public static FitStatus minimised(boolean converged, String reason) {
        return new FitStatus(converged, reason, List.of(), List.of(), List.of(), Double.NaN, List.of(),
                converged ? 0 : 1);
    }

    /** True for a converged fit with no parameter at a bound, a regular Hessian and positive yields. */
    public boolean clean() {
        return converged && atBound.isEmpty() && singular.isEmpty() && illConditioned.isEmpty()
                && nonPositiveYields.isEmpty() && failedMinimisations == 0;
    }

    /** True when the Hessian errors of the free parameters are defined (converged, regular Hessian). */
    public boolean errorsValid() {
        return converged && singular.isEmpty();
    }

    /** One sentence per problem; empty for a clean fit. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (!converged) {
            w.add("the fit did not converge (" + reason + "); the values are not a minimum");
        } else if (failedMinimisations > 0) {
            w.add(failedMinimisations + " of the fits did not converge (" + reason + ")");
        }
        if (!atBound.isEmpty()) {
            w.add("at a bound: " + String.join(", ", atBound) + "; the error there is not an interval");
        }
        if (!singular.isEmpty()) {
            w.add("singular Hessian: " + String.join(", ", singular)
                    + " have no effect on the likelihood or are degenerate with each other; their errors are undefined");
        }
        if (!illConditioned.isEmpty()) {
            w.add(String.format(Locale.ROOT, "ill-conditioned Hessian (condition number %.1e): %s are nearly "
                    + "degenerate; errors and correlations are unreliable", conditionNumber,
                    String.join(", ", illConditioned)));
        }
        if (!nonPositiveYields.isEmpty()) {
            w.add("non-positive expected yields in " + String.join(", ", nonPositiveYields));
        }
        return w;
    }

    /** "ok" or the warnings joined by "; ". */
    public String summary() {
        return clean() ? "ok" : String.join("; ", warnings());
    }

    /** The status of a result that builds on both fits: converged only if both did; problems united. */
    public FitStatus and(FitStatus other) {
        boolean conv = converged && other.converged;
        String why = !converged ? reason : !other.converged ? other.reason
                : failedMinimisations > 0 ? reason : other.reason;
        return new FitStatus(conv, why, union(atBound, other.atBound), union(singular, other.singular),
                union(illConditioned, other.illConditioned),
                Double.isNaN(conditionNumber) ? other.conditionNumber
                        : Double.isNaN(other.conditionNumber) ? conditionNumber : Math.max(conditionNumber,
                        other.conditionNumber),
                union(nonPositiveYields, other.nonPositiveYields), failedMinimisations + other.failedMinimisations);
    }

    /**
     * Adds the outcome of one more minimisation (a scan point, a conditional fit of a test statistic):
     * a failure is counted, and its reason kept if it is the first.
     */
    public FitStatus with(BoundedNewton.Result r) {
        if (r.converged()) {
            return this;
        }
        String why = failedMinimisations == 0 && converged ? r.reason() : reason;
        return new FitStatus(converged, why, atBound, singular, illConditioned, conditionNumber, nonPositiveYields,
                failedMinimisations + 1);
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }
}
