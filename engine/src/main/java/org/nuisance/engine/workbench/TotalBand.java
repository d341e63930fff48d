package org.nuisance.engine.workbench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.histfactory.Model;

/**
 * The total (post-fit) uncertainty band of a fit: per channel and bin, the expected total at the best
 * fit and its standard deviation from the fit's covariance, propagated linearly,
 * sigma_b^2 = sum_ij (d nu_b / d x_i) C_ij (d nu_b / d x_j) (the usual post-fit band of HistFitter and
 * cabinetry). The derivatives are central differences of the model's expected counts with a step of a
 * thousandth of each parameter's error (one-sided at a bound); parameters without an error (fixed, or
 * held by the user) do not contribute. For a model linear in its free parameters (a normfactor) the
 * band is exact: sigma_mu times the signal.
 *
 * @param dataLabel the fitted data's name: the band belongs to plots of that data only
 * @param channels  per channel (a workspace's channel, or an events plot's column and binning) its slice
 */
public record TotalBand(String dataLabel, Map<String, Slice> channels) {

    public TotalBand {
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    }

    /** One channel's post-fit expected total and its standard deviation per bin. */
    public record Slice(double[] expected, double[] sigma) {

        /** sigma / expected per bin (0 where the expectation is empty), for a ratio panel. */
        public double[] relative() {
            double[] r = new double[sigma.length];
            for (int b = 0; b < r.length; b++) {
                r[b] = expected[b] > 0 ? sigma[b] / expected[b] : 0;
            }
            return r;
        }
    }

    /** The slice of a channel, or null if the fit had none of that name. */
    public Slice channel(String name) {
        return channels.get(name);
    }

    /**
     * The band of a fit of a HistFactory model, one slice per channel of the model; names maps the
     * model's channel names to the names the plots use (null: the model's own).
     */
    public static TotalBand of(Model model, FitResult fit, String dataLabel, Map<String, String> names) {
        double[][] band = linearised(model, fit);
        Map<String, Slice> out = new LinkedHashMap<>();
        for (int c = 0; c < model.channels().size(); c++) {
            int from = model.channelOffset(c);
            int to = c + 1 < model.channels().size() ? model.channelOffset(c + 1) : model.bins();
            String name = model.channels().get(c);
            out.put(names == null ? name : names.getOrDefault(name, name),
                    new Slice(java.util.Arrays.copyOfRange(band[0], from, to),
                            java.util.Arrays.copyOfRange(band[1], from, to)));
        }
        return new TotalBand(dataLabel, out);
    }

    /** {expected total at the best fit, its linearised standard deviation} over all the model's bins. */
    static double[][] linearised(Model model, FitResult fit) {
        double[] best = fit.values().clone();
        double[] nu = model.expected(best);
        int n = best.length;
        double[][] jac = new double[n][];
        for (int i = 0; i < n; i++) {
            double var = fit.covariance()[i][i];
            if (!(var > 0) || Double.isNaN(var)) {
                continue;
            }
            Parameter p = model.parameter(i);
            double h = 1e-3 * Math.sqrt(var);
            double up = Math.min(best[i] + h, p.hi());
            double down = Math.max(best[i] - h, p.lo());
            double[] x = best.clone();
            x[i] = up;
            double[] nuUp = model.expected(x);
            x[i] = down;
            double[] nuDown = model.expected(x);
            double[] d = new double[nu.length];
            for (int b = 0; b < d.length; b++) {
                d[b] = (nuUp[b] - nuDown[b]) / (up - down);
            }
            jac[i] = d;
        }
        double[] sigma = new double[nu.length];
        for (int b = 0; b < nu.length; b++) {
            double v = 0;
            for (int i = 0; i < n; i++) {
                if (jac[i] == null) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    if (jac[j] != null && !Double.isNaN(fit.covariance()[i][j])) {
                        v += jac[i][b] * fit.covariance()[i][j] * jac[j][b];
                    }
                }
            }
            sigma[b] = Math.sqrt(Math.max(0, v));
        }
        return new double[][] {nu, sigma};
    }
}
