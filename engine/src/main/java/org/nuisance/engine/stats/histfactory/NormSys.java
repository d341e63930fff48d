package org.nuisance.engine.stats.histfactory;

import java.util.List;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * normsys: a normalisation uncertainty, the sample scaled by f(alpha) with f(+1) = hi, f(-1) = lo and a
 * unit Gaussian constraint on alpha. code1: f = hi^alpha (alpha >= 0), lo^-alpha (alpha < 0). code4:
 * the same exponentials for |alpha| >= 1 and inside 1 + sum_{i=1..6} a_i alpha^i, the a_i fixed by
 * matching value, first and second derivative at alpha = +-1 (pyhf {@code interpolators/code4}).
 */
public final class NormSys implements Modifier {

    /** The type's name in the JSON. */
    public static final String TYPE = "normsys";

    /** The modifier as written in the JSON: the parameter's name and the factors at alpha = +1 and -1. */
    public record Spec(String name, double hi, double lo) implements Workspace.ModifierSpec {
        @Override
        public String type() {
            return TYPE;
        }

        static Spec read(String name, JsonNode data, String dp, int bins) {
            JsonNode d = Workspace.object(data, dp);
            return new Spec(name, Workspace.number(Workspace.required(d, "hi", dp), dp + ".hi"),
                    Workspace.number(Workspace.required(d, "lo", dp), dp + ".lo"));
        }

        @Override
        public void writeData(ObjectNode modifier) {
            ObjectNode d = modifier.putObject("data");
            d.put("hi", hi);
            d.put("lo", lo);
        }

        @Override
        public void validate(String path) {
            if (!(hi > 0 && lo > 0)) {
                throw Workspace.err(path + ".data", "normsys hi and lo must be > 0, got hi = " + hi + ", lo = " + lo);
            }
        }

        @Override
        public ParameterSet parameterSet(Sample sample, int bins, String path) {
            return new AlphaParameters(name, TYPE, path);
        }

        @Override
        public Modifier bind(ParameterSet set, Sample sample, List<Parameter> params, Interpolation interp) {
            return new NormSys(name, set.offset, hi, lo, interp.normsys());
        }
    }

    private final String name;
    private final int param;
    private final double hi;
    private final double lo;
    private final double logHi;
    private final double logLo;
    private final boolean code4;
    private final double[] a;

    NormSys(String name, int param, double hi, double lo, Interpolation.Normsys code) {
        this.name = name;
        this.param = param;
        this.hi = hi;
        this.lo = lo;
        this.logHi = Math.log(hi);
        this.logLo = Math.log(lo);
        this.code4 = code == Interpolation.Normsys.CODE4;
        this.a = code4 ? code4Coefficients(hi, lo) : null;
    }

    /** Solves the 6 boundary conditions at alpha = +-1 for the polynomial's coefficients a_1..a_6. */
    static double[] code4Coefficients(double hi, double lo) {
        double lh = Math.log(hi);
        double ll = Math.log(lo);
        double[][] m = new double[6][6];
        double[] rhs = new double[6];
        for (int i = 1; i <= 6; i++) {
            double s = (i % 2 == 0) ? 1 : -1; // (-1)^i
            m[0][i - 1] = 1;                          // f(1) - 1
            m[1][i - 1] = s;                          // f(-1) - 1
            m[2][i - 1] = i;                          // f'(1)
            m[3][i - 1] = i * -s;                     // f'(-1) = sum i a_i (-1)^(i-1)
            m[4][i - 1] = i * (i - 1);                // f''(1)
            m[5][i - 1] = i * (i - 1) * s;            // f''(-1) = sum i(i-1) a_i (-1)^(i-2)
        }
        rhs[0] = hi - 1;
        rhs[1] = lo - 1;
        rhs[2] = hi * lh;                             // d/da hi^a at a = 1
        rhs[3] = -lo * ll;                            // d/da lo^-a at a = -1
        rhs[4] = hi * lh * lh;
        rhs[5] = lo * ll * ll;
        RealMatrix mat = new Array2DRowRealMatrix(m, false);
        return new LUDecomposition(mat).getSolver().solve(new ArrayRealVector(rhs, false)).toArray();
    }

    @Override
    public boolean additive() {
        return false;
    }

    @Override
    public int parameter(int bin) {
        return param;
    }

    @Override
    public double value(int bin, double x) {
        if (code4 && x > -1 && x < 1) {
            double p = 0;
            for (int i = 5; i >= 0; i--) {
                p = (p + a[i]) * x;
            }
            return 1 + p;
        }
        return x >= 0 ? Math.exp(x * logHi) : Math.exp(-x * logLo);
    }

    @Override
    public double derivative(int bin, double x) {
        if (code4 && x > -1 && x < 1) {
            double d = 0;
            for (int i = 5; i >= 0; i--) {
                d = d * x + (i + 1) * a[i];
            }
            return d;
        }
        return x >= 0 ? logHi * Math.exp(x * logHi) : -logLo * Math.exp(-x * logLo);
    }

    @Override
    public double secondDerivative(int bin, double x) {
        if (code4 && x > -1 && x < 1) {
            double d = 0;
            for (int i = 5; i >= 1; i--) {
                d = d * x + (i + 1) * i * a[i];
            }
            return d;
        }
        return x >= 0 ? logHi * logHi * Math.exp(x * logHi) : logLo * logLo * Math.exp(-x * logLo);
    }

    /** code1 is not differentiable at alpha = 0 unless hi lo = 1 (ln hi = -ln lo). */
    @Override
    public double kink() {
        return !code4 && logHi + logLo != 0 ? 0 : Double.NaN;
    }

    @Override
    public String name() {
        return name;
    }

    double hi() {
        return hi;
    }

    double lo() {
        return lo;
    }
}
