package org.nuisance.engine.stats.histfactory;

import java.util.List;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * histosys: a correlated shape uncertainty, a delta added to the nominal counts per bin, hi_data at
 * alpha = +1 and lo_data at alpha = -1, unit Gaussian constraint on alpha. code0: piecewise linear,
 * alpha (hi - nom) for alpha >= 0, alpha (nom - lo) below. code4p: linear outside |alpha| <= 1 and
 * alpha S + alpha^2 (15 - 10 alpha^2 + 3 alpha^4) A inside, S = (dUp + dDn) / 2, A = (dUp - dDn) / 16
 * (pyhf {@code interpolators/code4p}), which matches value and slope at alpha = +-1.
 */
public final class HistoSys implements Modifier {

    /** The type's name in the JSON. */
    public static final String TYPE = "histosys";

    /** The modifier as written in the JSON: the parameter's name and the sample's counts at alpha = +1 and -1. */
    public record Spec(String name, double[] hiData, double[] loData) implements Workspace.ModifierSpec {
        @Override
        public String type() {
            return TYPE;
        }

        static Spec read(String name, JsonNode data, String dp, int bins) {
            JsonNode d = Workspace.object(data, dp);
            double[] hi = Workspace.numbers(Workspace.required(d, "hi_data", dp), dp + ".hi_data");
            double[] lo = Workspace.numbers(Workspace.required(d, "lo_data", dp), dp + ".lo_data");
            Workspace.expectLength(hi, bins, dp + ".hi_data");
            Workspace.expectLength(lo, bins, dp + ".lo_data");
            return new Spec(name, hi, lo);
        }

        @Override
        public void writeData(ObjectNode modifier) {
            ObjectNode d = modifier.putObject("data");
            Workspace.putArray(d, "hi_data", hiData);
            Workspace.putArray(d, "lo_data", loData);
        }

        @Override
        public ParameterSet parameterSet(Sample sample, int bins, String path) {
            return new AlphaParameters(name, TYPE, path);
        }

        @Override
        public Modifier bind(ParameterSet set, Sample sample, List<Parameter> params, Interpolation interp) {
            return new HistoSys(name, set.offset, sample.data(), hiData, loData, interp.histosys());
        }
    }

    private final String name;
    private final int param;
    private final double[] up;
    private final double[] down;
    private final boolean code4p;

    HistoSys(String name, int param, double[] nominal, double[] hiData, double[] loData, Interpolation.Histosys code) {
        this.name = name;
        this.param = param;
        this.up = new double[nominal.length];
        this.down = new double[nominal.length];
        for (int b = 0; b < nominal.length; b++) {
            up[b] = hiData[b] - nominal[b];
            down[b] = nominal[b] - loData[b];
        }
        this.code4p = code == Interpolation.Histosys.CODE4P;
    }

    @Override
    public boolean additive() {
        return true;
    }

    @Override
    public int parameter(int bin) {
        return param;
    }

    @Override
    public double value(int bin, double x) {
        if (code4p && x >= -1 && x <= 1) {
            double s = 0.5 * (up[bin] + down[bin]);
            double a = 0.0625 * (up[bin] - down[bin]);
            double x2 = x * x;
            return x * s + x2 * (15 + x2 * (-10 + 3 * x2)) * a;
        }
        return x >= 0 ? x * up[bin] : x * down[bin];
    }

    @Override
    public double derivative(int bin, double x) {
        if (code4p && x >= -1 && x <= 1) {
            double s = 0.5 * (up[bin] + down[bin]);
            double a = 0.0625 * (up[bin] - down[bin]);
            double x2 = x * x;
            return s + x * (30 + x2 * (-40 + 18 * x2)) * a;
        }
        return x >= 0 ? up[bin] : down[bin];
    }

    /** code0 is not differentiable at alpha = 0 in a bin where hi - nom differs from nom - lo. */
    @Override
    public double kink() {
        if (code4p) {
            return Double.NaN;
        }
        for (int b = 0; b < up.length; b++) {
            if (up[b] != down[b]) {
                return 0;
            }
        }
        return Double.NaN;
    }

    @Override
    public double secondDerivative(int bin, double x) {
        if (code4p && x >= -1 && x <= 1) {
            double a = 0.0625 * (up[bin] - down[bin]);
            double x2 = x * x;
            return (30 + x2 * (-120 + 90 * x2)) * a;
        }
        return 0;
    }

    @Override
    public String name() {
        return name;
    }
}
