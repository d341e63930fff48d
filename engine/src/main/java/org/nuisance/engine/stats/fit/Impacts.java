package org.nuisance.engine.stats.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nuisance.engine.stats.histfactory.Data;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.Parameter;

/**
 * Pulls, constraints and impacts of the constrained nuisance parameters on the parameter of interest:
 * pull = (theta-hat - theta0) / sigma-prior, constraint = sigma-hat / sigma-prior; the impact is the
 * shift of mu-hat when the parameter is held at theta-hat +- sigma-prior (pre-fit) or +- sigma-hat
 * (post-fit) and the rest refitted, the ATLAS/CMS ranking convention. Ranked by the larger post-fit shift.
 */
public final class Impacts {

    /** One nuisance parameter's pull, constraint and impacts on the POI. */
    public record Impact(String name, double value, double error, double pull, double constraint,
                         double prefitUp, double prefitDown, double postfitUp, double postfitDown) {
        public double rank() {
            return Math.max(Math.abs(postfitUp), Math.abs(postfitDown));
        }
    }

    private Impacts() {
    }

    public static List<Impact> compute(Model model, Data data) {
        return compute(new Fitter(model, data));
    }

    /** Impacts for any {@link org.nuisance.engine.stats.Likelihood}, through its fitter. */
    public static List<Impact> compute(Fitter fitter) {
        org.nuisance.engine.stats.Likelihood model = fitter.likelihood();
        FitResult best = fitter.fit();
        int poi = model.poi();
        double muHat = best.values()[poi];
        List<Impact> out = new ArrayList<>();
        for (int i = 0; i < model.size(); i++) {
            Parameter p = model.parameter(i);
            if (i == poi || p.fixed() || !p.constrained()) {
                continue;
            }
            double prior = p.priorSigma();
            double v = best.values()[i];
            double err = best.errors()[i];
            double pull = (v - p.centre()) / prior;
            double[] shifts = new double[4];
            double[] at = {v + prior, v - prior, v + err, v - err};
            for (int k = 0; k < 4; k++) {
                double x = Math.min(p.hi(), Math.max(p.lo(), at[k]));
                BoundedNewton.Result r = fitter.minimize(best.values(), new int[] {i}, new double[] {x});
                shifts[k] = r.x()[poi] - muHat;
            }
            out.add(new Impact(p.name(), v, err, pull, err / prior, shifts[0], shifts[1], shifts[2], shifts[3]));
        }
        out.sort(Comparator.comparingDouble(Impact::rank).reversed());
        return out;
    }
}
