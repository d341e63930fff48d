package org.nuisance.engine.hist;

import java.util.ArrayList;
import java.util.List;

/** One histogram per process over a common axis, in the event table's process order. */
public record ProcessHistograms(String column, Axis axis, List<String> processes, List<Histogram> histograms) {

    public ProcessHistograms {
        processes = List.copyOf(processes);
        histograms = List.copyOf(histograms);
        if (processes.size() != histograms.size()) {
            throw new IllegalArgumentException(processes.size() + " processes but " + histograms.size() + " histograms");
        }
    }

    public Histogram get(String process) {
        int i = processes.indexOf(process);
        if (i < 0) {
            throw new IllegalArgumentException("no process '" + process + "'; have " + processes);
        }
        return histograms.get(i);
    }

    /** The sum over processes. */
    public Histogram total() {
        Histogram t = new Histogram(axis);
        for (Histogram h : histograms) {
            t = t.plus(h);
        }
        return t;
    }

    /** Builds histograms from per-process storage laid out as [process][bins + 2]. */
    public static ProcessHistograms of(String column, Axis axis, List<String> processes, double[][] sumw, double[][] sumw2) {
        List<Histogram> hs = new ArrayList<>();
        for (int p = 0; p < processes.size(); p++) {
            hs.add(new Histogram(axis, sumw[p], sumw2[p]));
        }
        return new ProcessHistograms(column, axis, processes, hs);
    }
}
