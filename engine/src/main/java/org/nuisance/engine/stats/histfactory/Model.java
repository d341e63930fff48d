package org.nuisance.engine.stats.histfactory;

import org.nuisance.engine.stats.Parameter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A compiled HistFactory model: channels' bins laid end to end, samples with their modifiers, and the
 * parameter vector. Expected counts follow pyhf: nu_sb = (nominal_sb + sum of histosys deltas) times the
 * product of all multiplicative factors; nu_b = sum over samples. Immutable and thread-safe; likelihood
 * evaluations go through {@link Likelihood}, one per thread.
 */
public final class Model {

    /** One sample in one channel: its nominal counts and its modifiers, over bins [offset, offset + bins). */
    record SampleTerm(String channel, String name, int offset, double[] nominal, Modifier[] additive,
                      Modifier[] multiplicative) {
    }

    private final List<String> channels;
    private final int[] channelOffsets;
    private final int bins;
    private final List<SampleTerm> samples;
    private final List<Parameter> parameters;
    private final int poi;
    private final double[] observed;
    private final Interpolation interpolation;
    final int maxFactors;

    Model(List<String> channels, int[] channelOffsets, int bins, List<SampleTerm> samples, List<Parameter> parameters,
          int poi, double[] observed, Interpolation interpolation) {
        this.channels = List.copyOf(channels);
        this.channelOffsets = channelOffsets;
        this.bins = bins;
        this.samples = List.copyOf(samples);
        this.parameters = List.copyOf(parameters);
        this.poi = poi;
        this.observed = observed;
        this.interpolation = interpolation;
        int m = 0;
        for (SampleTerm s : samples) {
            m = Math.max(m, s.multiplicative().length);
        }
        this.maxFactors = m;
    }

    /** Compiles a workspace's first measurement with the default interpolation codes. */
    public static Model of(Workspace ws) {
        return ModelBuilder.build(ws, null, Interpolation.DEFAULT);
    }

    public static Model of(Workspace ws, String measurement, Interpolation interpolation) {
        return ModelBuilder.build(ws, measurement, interpolation);
    }

    public List<String> channels() {
        return channels;
    }

    /** The samples of a channel, in the workspace's order. */
    public List<String> sampleNames(String channel) {
        List<String> out = new java.util.ArrayList<>();
        for (SampleTerm s : samples) {
            if (s.channel().equals(channel)) {
                out.add(s.name());
            }
        }
        return out;
    }

    public int channelOffset(int channel) {
        return channelOffsets[channel];
    }

    public int bins() {
        return bins;
    }

    List<SampleTerm> samples() {
        return samples;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public int size() {
        return parameters.size();
    }

    public Parameter parameter(int i) {
        return parameters.get(i);
    }

    /** Index of the parameter of interest. */
    public int poi() {
        return poi;
    }

    public String poiName() {
        return parameters.get(poi).name();
    }

    public Interpolation interpolation() {
        return interpolation;
    }

    /** Index of a parameter by name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> parameterNames() {
        List<String> n = new ArrayList<>();
        for (Parameter p : parameters) {
            n.add(p.name());
        }
        return Collections.unmodifiableList(n);
    }

    public double[] inits() {
        double[] x = new double[parameters.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = parameters.get(i).init();
        }
        return x;
    }

    public double[] lowerBounds() {
        double[] x = new double[parameters.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = parameters.get(i).lo();
        }
        return x;
    }

    public double[] upperBounds() {
        double[] x = new double[parameters.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = parameters.get(i).hi();
        }
        return x;
    }

    public boolean[] fixed() {
        boolean[] f = new boolean[parameters.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = parameters.get(i).fixed();
        }
        return f;
    }

    /** The observed counts and the nominal auxiliary data. */
    public Data observedData() {
        return new Data(observed.clone(), nominalAux());
    }

    public double[] nominalAux() {
        double[] aux = new double[parameters.size()];
        for (int i = 0; i < aux.length; i++) {
            aux[i] = parameters.get(i).constrained() ? parameters.get(i).aux() : Double.NaN;
        }
        return aux;
    }

    /** The same model with other observed counts (length {@link #bins()}). */
    public Data dataWith(double[] counts) {
        if (counts.length != bins) {
            throw new IllegalArgumentException("expected " + bins + " counts, got " + counts.length);
        }
        return new Data(counts.clone(), nominalAux());
    }

    /**
     * This model with the histosys named modifier on one sample replaced by a {@link GridShape}: deltas
     * from the nominal at alpha = start + k step, [k][bin of the sample's channel].
     */
    public Model withGridShape(String sample, String modifier, double start, double step, double[][] deltas) {
        return replaceAdditive(sample, modifier, param -> new GridShape(modifier, param, start, step, deltas));
    }

    private Model replaceAdditive(String sample, String modifier, java.util.function.IntFunction<Modifier> make) {
        List<SampleTerm> out = new ArrayList<>();
        boolean found = false;
        for (SampleTerm s : samples) {
            if (!s.name().equals(sample)) {
                out.add(s);
                continue;
            }
            Modifier[] add = s.additive().clone();
            for (int k = 0; k < add.length; k++) {
                if (add[k].name().equals(modifier)) {
                    add[k] = make.apply(add[k].parameter(0));
                    found = true;
                }
            }
            out.add(new SampleTerm(s.channel(), s.name(), s.offset(), s.nominal(), add, s.multiplicative()));
        }
        if (!found) {
            throw new IllegalArgumentException("no histosys '" + modifier + "' on sample '" + sample + "'");
        }
        return new Model(channels, channelOffsets, bins, out, parameters, poi, observed, interpolation);
    }

    /**
     * This model with the histosys named modifier on one sample replaced by a per-bin polynomial in its
     * alpha, fitted to the sample's templates at the grid values alphas (deltas from the nominal,
     * [grid point][bin of the sample's channel]). The parameter, its constraint and the workspace stay.
     */
    public Model withPolynomialShape(String sample, String modifier, double[] alphas, double[][] deltas, int degree) {
        return replaceAdditive(sample, modifier,
                param -> new PolynomialShape(modifier, param, PolynomialShape.fit(alphas, deltas, degree)));
    }

    /** Expected counts per bin at parameters x. */
    public double[] expected(double[] x) {
        double[] nu = new double[bins];
        for (SampleTerm s : samples) {
            int n = s.nominal().length;
            for (int b = 0; b < n; b++) {
                nu[s.offset() + b] += sampleBin(s, b, x);
            }
        }
        return nu;
    }

    /** Expected counts of one sample (by channel and sample name) at parameters x, over its channel's bins. */
    public double[] expected(String channel, String sample, double[] x) {
        for (SampleTerm s : samples) {
            if (s.channel().equals(channel) && s.name().equals(sample)) {
                double[] out = new double[s.nominal().length];
                for (int b = 0; b < out.length; b++) {
                    out[b] = sampleBin(s, b, x);
                }
                return out;
            }
        }
        throw new IllegalArgumentException("no sample '" + sample + "' in channel '" + channel + "'");
    }

    static double sampleBin(SampleTerm s, int b, double[] x) {
        double v = s.nominal()[b];
        for (Modifier m : s.additive()) {
            v += m.value(b, x[m.parameter(b)]);
        }
        for (Modifier m : s.multiplicative()) {
            int p = m.parameter(b);
            if (p >= 0) {
                v *= m.value(b, x[p]);
            }
        }
        return v;
    }

    /**
     * The Asimov dataset at parameters x: expected counts, and auxiliary data moved to the values the
     * constraints expect at x (Gaussian: x; Poisson: x tau), as pyhf's {@code expected_data}.
     */
    public Data asimov(double[] x) {
        double[] aux = new double[parameters.size()];
        for (int i = 0; i < aux.length; i++) {
            Parameter p = parameters.get(i);
            aux[i] = p.constrained() ? p.expectedAux(x[i]) : Double.NaN;
        }
        return new Data(expected(x), aux);
    }
}
