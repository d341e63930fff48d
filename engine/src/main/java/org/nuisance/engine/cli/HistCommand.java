package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.Histogram;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.higgsml.EventHistograms;
import org.nuisance.engine.higgsml.NuisanceValues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hist}: per-process sum of weights and sum of squared weights per bin, after the shifts. */
@Command(name = "hist", mixinStandardHelpOptions = true,
        description = "Histogram a column per process after applying the nuisance parameters.")
final class HistCommand implements Callable<Integer> {

    @Mixin
    ObservableOptions observable;

    @Option(names = "--json", description = "Write JSON instead of a table.")
    boolean json;

    @Mixin
    EventSource source;

    @Mixin
    NuisanceOptions nuisance;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Axis axis = observable.axis();
        NuisanceValues np = nuisance.values();
        EventTable table = source.load(observable.input);
        if (!table.hasColumn(observable.column)) {
            throw new InputException(observable.input + ": unknown column '" + observable.column + "'; known columns: "
                    + String.join(", ", table.numericColumns()));
        }
        ProcessHistograms h = EventHistograms.fill(table, observable.column, axis, np, source.seed());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(h).toPrettyString());
        } else {
            printTable(out, h);
        }
        out.flush();
        return 0;
    }

    /** The most bins a histogram option may ask for (a million bins is far beyond any analysis). */
    static final int MAX_BINS = 1_000_000;

    static Axis axis(int bins, String range) {
        if (bins < 1 || bins > MAX_BINS) {
            throw new InputException("--bins must be in [1, " + MAX_BINS + "], got " + bins);
        }
        String[] parts = range.split(",");
        if (parts.length != 2) {
            throw new InputException("--range must be LO,HI (two numbers), got '" + range + "'");
        }
        double lo;
        double hi;
        try {
            lo = Double.parseDouble(parts[0].trim());
            hi = Double.parseDouble(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new InputException("--range must be LO,HI (two numbers), got '" + range + "'");
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new InputException("--range must be two finite numbers, got '" + range + "'");
        }
        if (!(hi > lo)) {
            throw new InputException("--range must have LO < HI, got '" + range + "'");
        }
        if (!((hi - lo) / bins > Math.ulp(Math.max(Math.abs(lo), Math.abs(hi))) * 4)) {
            throw new InputException("--range '" + range + "' is too narrow for " + bins + " bins");
        }
        return Axis.regular(bins, lo, hi);
    }

    static ObjectNode toJson(ProcessHistograms h) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("column", h.column());
        ArrayNode edges = root.putArray("edges");
        for (double e : h.axis().edges()) {
            edges.add(e);
        }
        ObjectNode procs = root.putObject("processes");
        for (int p = 0; p < h.processes().size(); p++) {
            Histogram hist = h.histograms().get(p);
            ObjectNode node = procs.putObject(h.processes().get(p));
            ArrayNode w = node.putArray("sumw");
            ArrayNode w2 = node.putArray("sumw2");
            for (int b = 0; b < hist.axis().bins(); b++) {
                w.add(hist.value(b));
                w2.add(hist.variance(b));
            }
            node.put("underflow", hist.underflow());
            node.put("overflow", hist.overflow());
        }
        return root;
    }

    private static void printTable(PrintWriter out, ProcessHistograms h) {
        out.printf("%-24s", "bin");
        for (String p : h.processes()) {
            out.printf(" %14s %14s", p, p + "_w2");
        }
        out.println();
        Axis a = h.axis();
        for (int b = 0; b < a.bins(); b++) {
            out.printf("%-24s", String.format("[%.6g, %.6g)", a.edge(b), a.edge(b + 1)));
            for (Histogram hist : h.histograms()) {
                out.printf(" %14.6g %14.6g", hist.value(b), hist.variance(b));
            }
            out.println();
        }
        out.printf("%-24s", "underflow");
        for (Histogram hist : h.histograms()) {
            out.printf(" %14.6g %14s", hist.underflow(), "");
        }
        out.println();
        out.printf("%-24s", "overflow");
        for (Histogram hist : h.histograms()) {
            out.printf(" %14.6g %14s", hist.overflow(), "");
        }
        out.println();
    }
}
