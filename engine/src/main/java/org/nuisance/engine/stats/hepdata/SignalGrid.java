package org.nuisance.engine.stats.hepdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.fit.AsymptoticCalculator;
import org.nuisance.engine.stats.fit.AsymptoticCalculator.TestStatistic;
import org.nuisance.engine.stats.histfactory.Interpolation;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.util.Parallel;

/**
 * CLs for every signal point of a published likelihood, on all cores: each point's patch applied to the
 * background-only workspace, an asymptotic hypothesis test at one POI value. Points can be split into
 * shards (point k belongs to shard k mod N, in name order) so that a cluster computes a grid in parts
 * that {@link #merge} joins again.
 */
public final class SignalGrid {

    /** One point's result; status is "converged" or the first fit that did not and why (or the error). */
    public record Point(String name, double[] values, double clsObs, double[] clsExp, boolean converged,
                        String status) {
    }

    /** A grid: the value labels (may be empty), and its points sorted by name. */
    public record Result(List<String> labels, List<Point> points) {
        public Result {
            labels = List.copyOf(labels);
            points = List.copyOf(points);
        }
    }

    private SignalGrid() {
    }

    /** The points of shard i of n (0 <= i < n): every n-th point in name order, starting at i. */
    public static List<SignalPoint> shard(List<SignalPoint> points, int i, int n) {
        if (n < 1 || i < 0 || i >= n) {
            throw new InputException("--shard: expected I/N with 0 <= I < N, got " + i + "/" + n);
        }
        List<SignalPoint> sorted = new ArrayList<>(points);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        List<SignalPoint> out = new ArrayList<>();
        for (int k = i; k < sorted.size(); k += n) {
            out.add(sorted.get(k));
        }
        return out;
    }

    /**
     * The points {@code [first, end)} in name order: the contiguous slice a {@code --shard I/N} of the shard
     * framework owns ({@link org.nuisance.engine.cluster.Shard#range}).
     */
    public static List<SignalPoint> slice(List<SignalPoint> points, int first, int end) {
        List<SignalPoint> sorted = new ArrayList<>(points);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        return List.copyOf(sorted.subList(first, end));
    }

    /**
     * Tests mu for each point on up to threads threads. A point whose patch or workspace is bad stops the
     * grid with that error (one line naming the patch); a fit that does not converge is recorded in the
     * point's status.
     */
    public static Result compute(PublishedLikelihood likelihood, List<SignalPoint> points, Interpolation interp,
                                 String measurement, TestStatistic statistic, double mu, int threads,
                                 BooleanSupplier cancelled) {
        Point[] out = new Point[points.size()];
        Parallel.forEachTask(points.size(), threads, "signal-grid", () -> k -> {
            SignalPoint p = points.get(k);
            Model model;
            try {
                model = Model.of(likelihood.workspace(p), measurement, interp);
            } catch (InputException e) {
                String where = likelihood.source() + " + " + p.source();
                throw e.getMessage() != null && e.getMessage().contains(likelihood.source()) ? e
                        : new InputException(where + ": " + e.getMessage(), e);
            }
            if (statistic != TestStatistic.Q0) {
                double lo = model.parameter(model.poi()).lo();
                double hi = model.parameter(model.poi()).hi();
                if (!Double.isFinite(mu) || mu < lo || mu > hi) {
                    throw new InputException("--mu " + mu + ": must be a number within the bounds of " + model.poiName()
                            + ", [" + lo + ", " + hi + "] (" + p.name() + ")");
                }
            }
            AsymptoticCalculator calc = new AsymptoticCalculator(model, model.observedData(), statistic);
            AsymptoticCalculator.Result r = calc.test(mu);
            out[k] = new Point(p.name(), p.values(), r.cls(), r.clsExpected(), calc.converged(),
                    calc.converged() ? "converged" : String.join("; ", calc.status().warnings()));
        }, cancelled);
        List<Point> list = new ArrayList<>();
        for (Point p : out) {
            if (p != null) {
                list.add(p);
            }
        }
        list.sort((a, b) -> a.name().compareTo(b.name()));
        return new Result(likelihood.labels(), list);
    }

    /** Joins shards: all their points, sorted by name; a point in two shards is an error. */
    public static Result merge(List<Result> parts) {
        List<Point> all = new ArrayList<>();
        List<String> labels = List.of();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Result r : parts) {
            if (labels.isEmpty()) {
                labels = r.labels();
            }
            for (Point p : r.points()) {
                if (!seen.add(p.name())) {
                    throw new InputException("point '" + p.name() + "' is in two of the merged parts");
                }
                all.add(p);
            }
        }
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return new Result(labels, all);
    }

    /**
     * The points whose value index has the given value (e.g. the slice m(N1) = 60 GeV of a grid that
     * holds two mass scenarios); where is "I=V", null for all.
     */
    public static Result slice(Result grid, String where) {
        if (where == null) {
            return grid;
        }
        String[] kv = where.split("=");
        int index;
        double value;
        try {
            index = Integer.parseInt(kv[0].trim());
            value = Double.parseDouble(kv[1].trim());
        } catch (RuntimeException e) {
            throw new InputException("--select: expected I=V (value index I equal to V, e.g. 2=60), got '" + where + "'");
        }
        List<Point> out = grid.points().stream().filter(p -> index < p.values().length && p.values()[index] == value)
                .toList();
        if (out.isEmpty()) {
            throw new InputException("--select " + where + ": no point has value " + index + " equal to " + value);
        }
        return new Result(grid.labels(), out);
    }

    /** The grid with value labels (when the points carry none, e.g. patch files). */
    public static Result labelled(Result grid, List<String> labels) {
        return labels == null || labels.isEmpty() ? grid : new Result(labels, grid.points());
    }

    /**
     * The two value indices to draw the grid in: those given, or else the first two that vary over the
     * points.
     */
    public static int[] axes(Result grid, int[] given) {
        if (given != null) {
            return given;
        }
        List<Integer> varying = new ArrayList<>();
        int dims = grid.points().isEmpty() ? 0 : grid.points().get(0).values().length;
        for (int d = 0; d < dims && varying.size() < 2; d++) {
            final int dd = d;
            long distinct = grid.points().stream().mapToDouble(p -> p.values().length > dd ? p.values()[dd] : 0)
                    .distinct().count();
            if (distinct > 1) {
                varying.add(d);
            }
        }
        if (varying.size() < 2) {
            throw new InputException("the points' names give fewer than two varying values " + (dims > 0
                    ? Arrays.toString(grid.points().get(0).values()) : "[]") + ": no plane to draw contours in");
        }
        return new int[] {varying.get(0), varying.get(1)};
    }
}
