package org.nuisance.engine.hist;

import java.util.Arrays;

/**
 * A weighted one-dimensional histogram: an {@link Axis} and, per bin including under- and overflow,
 * the sum of weights and the sum of squared weights (the storage of boost-histogram's Weight()).
 * Fills mutate; arithmetic returns new histograms.
 */
public final class Histogram {

    private final Axis axis;
    private final double[] sumw;
    private final double[] sumw2;

    public Histogram(Axis axis) {
        this(axis, new double[axis.bins() + 2], new double[axis.bins() + 2]);
    }

    /** Wraps storage arrays of length bins + 2 (underflow first, overflow last); they are not copied. */
    public Histogram(Axis axis, double[] sumw, double[] sumw2) {
        if (sumw.length != axis.bins() + 2 || sumw2.length != axis.bins() + 2) {
            throw new IllegalArgumentException("storage needs " + (axis.bins() + 2) + " entries (with under/overflow)");
        }
        this.axis = axis;
        this.sumw = sumw;
        this.sumw2 = sumw2;
    }

    public Axis axis() {
        return axis;
    }

    public void fill(double x, double w) {
        int i = axis.index(x);
        sumw[i] += w;
        sumw2[i] += w * w;
    }

    /** Fills whole columns; weights may be negative or zero. */
    public void fill(float[] values, float[] weights) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException(values.length + " values but " + weights.length + " weights");
        }
        for (int k = 0; k < values.length; k++) {
            int i = axis.index(values[k]);
            double w = weights[k];
            sumw[i] += w;
            sumw2[i] += w * w;
        }
    }

    /** Sum of weights in bin b (0-based, in range). */
    public double value(int bin) {
        return sumw[bin + 1];
    }

    /** Sum of squared weights in bin b: the variance of the bin's content. */
    public double variance(int bin) {
        return sumw2[bin + 1];
    }

    public double underflow() {
        return sumw[0];
    }

    public double overflow() {
        return sumw[sumw.length - 1];
    }

    /** Sums of weights of the in-range bins. */
    public double[] values() {
        return Arrays.copyOfRange(sumw, 1, sumw.length - 1);
    }

    /** Sums of squared weights of the in-range bins. */
    public double[] variances() {
        return Arrays.copyOfRange(sumw2, 1, sumw2.length - 1);
    }

    /** Storage including under/overflow, copied. */
    public double[] sumwWithFlow() {
        return sumw.clone();
    }

    public double[] sumw2WithFlow() {
        return sumw2.clone();
    }

    /** Sum of weights of the in-range bins. */
    public double total() {
        double s = 0;
        for (int i = 1; i < sumw.length - 1; i++) {
            s += sumw[i];
        }
        return s;
    }

    public Histogram plus(Histogram other) {
        if (!axis.equals(other.axis)) {
            throw new IllegalArgumentException("cannot add histograms with different axes: " + axis + " and " + other.axis);
        }
        double[] w = sumw.clone();
        double[] w2 = sumw2.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] += other.sumw[i];
            w2[i] += other.sumw2[i];
        }
        return new Histogram(axis, w, w2);
    }

    /** This histogram with every weight multiplied by f (variances by f squared). */
    public Histogram scaled(double f) {
        double[] w = sumw.clone();
        double[] w2 = sumw2.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= f;
            w2[i] *= f * f;
        }
        return new Histogram(axis, w, w2);
    }

    public Histogram copy() {
        return new Histogram(axis, sumw.clone(), sumw2.clone());
    }
}
