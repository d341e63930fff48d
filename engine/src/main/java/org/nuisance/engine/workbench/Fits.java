package org.nuisance.engine.workbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nuisance.engine.stats.Likelihood;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.LikelihoodSummary;

/** The part of every {@link FitTarget} that only needs the {@link Likelihood}: the fit, scans, impacts, warnings. */
final class Fits {

    private Fits() {
    }

    static LikelihoodSummary analyse(Likelihood lik, double[] frozenAt, boolean[] fixed, int scanned, int points) {
        return LikelihoodSummary.analyse(lik, frozenAt, fixed, scanned < 0 ? lik.poi() : scanned, points);
    }

    /** One sentence per problem a user must see: no convergence, a free parameter at a bound. */
    static List<String> warnings(Likelihood lik, FitResult fit, boolean[] fixed) {
        List<String> out = new ArrayList<>();
        if (!fit.converged()) {
            out.add("The fit did not converge (" + fit.reason() + "): its values, scans and impacts are not reliable.");
        }
        for (int i = 0; i < lik.size(); i++) {
            Parameter p = lik.parameter(i);
            if (fixed[i] || p.fixed()) {
                continue;
            }
            double v = fit.values()[i];
            double tol = 1e-6 * Math.max(1, p.hi() - p.lo());
            if (Math.abs(v - p.lo()) < tol || Math.abs(v - p.hi()) < tol) {
                out.add(String.format(Locale.ROOT, "%s is at its bound (%.4g): the fit wants it outside [%.4g, %.4g].",
                        p.name(), v, p.lo(), p.hi()));
            }
        }
        return out;
    }
}
