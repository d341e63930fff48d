package org.nuisance.engine.workbench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.fit.AsymptoticCalculator.TestStatistic;
import org.nuisance.engine.stats.hepdata.GridContours;
import org.nuisance.engine.stats.hepdata.PublishedLikelihood;
import org.nuisance.engine.stats.hepdata.SignalGrid;
import org.nuisance.engine.stats.hepdata.SignalPoint;
import org.nuisance.engine.stats.hepdata.TarGz;
import org.nuisance.engine.stats.histfactory.Interpolation;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.util.Parallel;

/**
 * The window's way to published likelihoods: open a HEPData archive (one region at a time), a
 * background-only workspace with a pyhf patchset or one JSON Patch, or a HistFactory XML combination;
 * compute the signal grid's CLs point by point (progress, Cancel) with the engine's {@link SignalGrid};
 * and the plane of two mass values with the engine's 95% CL contours ({@link GridContours}). Plain
 * blocking methods for a worker thread.
 */
public final class PublishedSources {

    /** How the grid tests each point: pyhf's defaults, as in the HEPData references (code4 / code4p, qtilde, mu = 1). */
    public static final Interpolation INTERPOLATION = new Interpolation(Interpolation.Normsys.CODE4,
            Interpolation.Histosys.CODE4P);
    public static final double MU = 1.0;

    /** A signal point: its name and model values (masses in GeV). */
    public record Point(String name, double[] values) {
    }

    /** A computed point: CLs observed and the expected band (-2..+2 sigma) at mu = 1, and whether its fits converged. */
    public record Computed(String name, double[] values, double clsObs, double[] clsExp, boolean converged,
                           String status) {
    }

    /**
     * The points in the plane of value indices x and y (only those with slice's value where a slice is
     * given) and the 95% CL contours of the computed ones (empty until three are computed).
     */
    public record Plane(int x, int y, String slice, List<Point> points, List<Computed> computed,
                        List<List<double[]>> observed, List<List<double[]>> expected,
                        List<List<double[]>> expectedMinus1, List<List<double[]>> expectedPlus1) {
    }

    private static final Pattern PATCH_NAME = Pattern.compile("patch\\.[A-Za-z]+((?:_[A-Za-z][A-Za-z0-9]*)+)\\.json");
    private static final Pattern RECORD = Pattern.compile("ins\\d+");

    private PublishedSources() {
    }

    static boolean isArchive(Path file) {
        String n = file.getFileName().toString().toLowerCase();
        return n.endsWith(".tar.gz") || n.endsWith(".tgz");
    }

    /** A JSON object with a top-level "patches" member (a pyhf patchset), read as a stream. */
    static boolean isPatchset(Path file) {
        try (InputStream in = Files.newInputStream(file); JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if ("patches".equals(p.currentName())) {
                    return true;
                }
                p.nextToken();
                p.skipChildren();
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The regions of a HEPData archive: the folders holding a BkgOnly.json, sorted. */
    public static List<String> regions(Path archive) {
        return new ArrayList<>(regionsAndReadme(archive).keySet().stream().filter(k -> !k.equals(README)).toList());
    }

    private static final String README = "\u0000README";

    private static Map<String, String> regionsAndReadme(Path archive) {
        if (!Files.isRegularFile(archive)) {
            throw new InputException(archive + ": no such file");
        }
        Map<String, byte[]> files = TarGz.read(archive, n -> n.toLowerCase().endsWith("bkgonly.json")
                || n.equalsIgnoreCase("README.md") || n.toLowerCase().endsWith("/readme.md"));
        Map<String, String> out = new java.util.TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String n = e.getKey();
            if (n.toLowerCase().endsWith("readme.md")) {
                if (!out.containsKey(README) || n.indexOf('/') < 0) {
                    out.put(README, new String(e.getValue(), StandardCharsets.UTF_8));
                }
            } else {
                int i = n.lastIndexOf('/');
                out.put(i < 0 ? "" : n.substring(0, i), n);
            }
        }
        if (out.keySet().stream().allMatch(README::equals)) {
            throw new InputException(archive + ": no BkgOnly.json in the archive (not a HEPData likelihood record)");
        }
        return out;
    }

    /** Opens one region of a HEPData archive (null: the first in name order). */
    public static PublishedSource openArchive(Path archive, String region, Consumer<String> progress) {
        progress.accept("Listing the regions of " + archive.getFileName());
        Map<String, String> found = regionsAndReadme(archive);
        String readme = found.remove(README);
        List<String> regions = new ArrayList<>(found.keySet());
        String chosen = region == null ? regions.get(0) : region;
        progress.accept("Reading " + (chosen.isEmpty() ? "the workspace" : chosen) + " and its patches");
        PublishedLikelihood pl = PublishedLikelihood.open(archive, chosen.isEmpty() ? null : chosen);
        String title = readme == null ? null : title(readme);
        Matcher rec = RECORD.matcher(archive.getFileName().toString());
        if (rec.find()) {
            title = (title == null ? "" : title + ", ") + "HEPData " + rec.group();
        }
        return source(archive.getFileName().toString(), archive, chosen.isEmpty() ? null : chosen, regions, title,
                readme == null ? List.of() : labelsFromReadme(readme), pl);
    }

    /** A background-only workspace (opened from a file) with the points of a pyhf patchset file. */
    public static PublishedSource withPatchset(WorkspaceSource background, Path patchset) {
        PublishedLikelihood pl = PublishedLikelihood.open(backgroundFile(background, patchset), null).withPatchset(patchset);
        return source(background.name() + " + " + patchset.getFileName(), patchset, null, List.of(), null, List.of(), pl);
    }

    /** The signal workspace of one JSON Patch file applied to a background-only workspace (opened from a file). */
    public static WorkspaceSource withPatch(WorkspaceSource background, Path patch) {
        PublishedLikelihood pl = PublishedLikelihood.open(backgroundFile(background, patch), null);
        SignalPoint p = pl.point(patch.toString());
        return new WorkspaceSource(background.name() + " + " + patch.getFileName(), null, pl.workspace(p));
    }

    private static Path backgroundFile(Source background, Path patch) {
        if (!(background instanceof WorkspaceSource w) || w.file() == null) {
            throw new InputException(patch + ": a patch needs its background-only workspace; open the workspace"
                    + " (BkgOnly.json) first, select it, then open the patch (or drop both together)");
        }
        return w.file();
    }

    private static PublishedSource source(String name, Path file, String region, List<String> regions, String title,
                                          List<String> readmeLabels, PublishedLikelihood pl) {
        List<Point> points = pl.points().stream().map(p -> new Point(p.name(), p.values().clone())).toList();
        if (points.isEmpty()) {
            throw new InputException(pl.source() + ": no signal points (no patch.*.json or patchset beside the workspace)");
        }
        int dims = points.get(0).values().length;
        List<String> given = !pl.labels().isEmpty() ? pl.labels() : readmeLabels;
        List<String> labels = new ArrayList<>();
        for (int d = 0; d < dims; d++) {
            String l = d < given.size() ? given.get(d) : "mass " + (d + 1);
            labels.add(l.contains("[") ? l : l + " [GeV]");
        }
        return new PublishedSource(name, file, region, regions, title, labels, points, pl);
    }

    /** The README's first heading, without a leading "JSON Likelihoods for". */
    static String title(String readme) {
        for (String line : readme.lines().toList()) {
            if (line.startsWith("# ")) {
                return line.substring(2).trim().replaceFirst("(?i)^(json\\s+)?likelihoods?\\s+for\\s+(the\\s+)?", "");
            }
        }
        return null;
    }

    /** The value names of the README's file pattern: patch.sbottom_msb_mn2_mn1.json -> msb, mn2, mn1. */
    static List<String> labelsFromReadme(String readme) {
        Matcher m = PATCH_NAME.matcher(readme);
        return m.find() ? List.of(m.group(1).substring(1).split("_")) : List.of();
    }

    /** The signal workspace of a point (background + its patch), as a source of the usual views. */
    public static WorkspaceSource signal(PublishedSource source, String point) {
        PublishedLikelihood pl = source.likelihood();
        Workspace ws = pl.workspace(pl.point(point));
        return new WorkspaceSource(point + (source.region() == null ? "" : " (" + source.region() + ")"), null, ws);
    }

    /**
     * Tests mu = 1 at each named point on threads threads (qtilde, asymptotic CLs, {@link #INTERPOLATION});
     * done gets the number finished after each; stops early when cancelled answers true and returns what
     * was finished, in the order given.
     */
    public static List<Computed> compute(PublishedSource source, List<String> names, int threads, IntConsumer done,
                                         BooleanSupplier cancelled) {
        PublishedLikelihood pl = source.likelihood();
        List<SignalPoint> pts = names.stream().map(pl::point).toList();
        Computed[] out = new Computed[pts.size()];
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        Parallel.forEachTask(pts.size(), threads, "signal-grid-view", () -> k -> {
            SignalGrid.Result r = SignalGrid.compute(pl, List.of(pts.get(k)), INTERPOLATION, null, TestStatistic.QTILDE,
                    MU, 1, cancelled);
            if (!r.points().isEmpty()) {
                SignalGrid.Point p = r.points().get(0);
                out[k] = new Computed(p.name(), p.values(), p.clsObs(), p.clsExp(), p.converged(), p.status());
                done.accept(finished.incrementAndGet());
            }
        }, cancelled);
        List<Computed> list = new ArrayList<>();
        for (Computed c : out) {
            if (c != null) {
                list.add(c);
            }
        }
        return list;
    }

    /**
     * The plane of value indices x and y; slice "I=V" keeps the points whose value I is V (null: all).
     * Contours need three computed points in the plane.
     */
    public static Plane plane(PublishedSource source, List<Computed> computed, int x, int y, String slice) {
        List<Point> shown = new ArrayList<>();
        int index = -1;
        double value = 0;
        if (slice != null) {
            String[] kv = slice.split("=");
            index = Integer.parseInt(kv[0].trim());
            value = Double.parseDouble(kv[1].trim());
        }
        for (Point p : source.points()) {
            if (index < 0 || p.values()[index] == value) {
                shown.add(p);
            }
        }
        final int si = index;
        final double sv = value;
        List<Computed> inPlane = computed.stream().filter(c -> si < 0 || c.values()[si] == sv).toList();
        if (inPlane.size() < 3 || distinct(inPlane, x, y) < 3) {
            return new Plane(x, y, slice, shown, inPlane, List.of(), List.of(), List.of(), List.of());
        }
        List<SignalGrid.Point> gp = inPlane.stream().map(c -> new SignalGrid.Point(c.name(), c.values(), c.clsObs(),
                c.clsExp(), c.converged(), c.status())).toList();
        GridContours g = GridContours.of(new SignalGrid.Result(source.labels(), gp), new int[] {x, y});
        return new Plane(x, y, slice, shown, inPlane, g.observed(), g.expected(), g.expectedMinus1(), g.expectedPlus1());
    }

    private static int distinct(List<Computed> pts, int x, int y) {
        java.util.Set<String> s = new java.util.HashSet<>();
        for (Computed c : pts) {
            s.add(c.values()[x] + "," + c.values()[y]);
        }
        return s.size();
    }

    /** The most frequent value of index d among the points (the natural slice: m(N1) = 60 GeV for the sbottom grid). */
    public static double mostFrequent(PublishedSource source, int d) {
        Map<Double, Integer> n = new HashMap<>();
        for (Point p : source.points()) {
            n.merge(p.values()[d], 1, Integer::sum);
        }
        return n.entrySet().stream().max(Map.Entry.<Double, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
    }

    /** The distinct values of index d, ascending. */
    public static List<Double> valuesOf(PublishedSource source, int d) {
        TreeSet<Double> s = new TreeSet<>();
        for (Point p : source.points()) {
            s.add(p.values()[d]);
        }
        return new ArrayList<>(s);
    }

    /**
     * A HistFactory XML combination as a workspace. Its paths are relative to a base folder (pyhf's
     * --basedir): the folder above config/ as pyhf's examples lay it out, else the config's own folder or
     * the one above that; the first in which the import succeeds.
     */
    public static WorkspaceSource importXml(Path config, Consumer<String> progress) {
        Path dir = config.toAbsolutePath().getParent();
        List<Path> bases = new ArrayList<>();
        if (dir.getParent() != null) {
            bases.add(dir.getParent());
        }
        bases.add(dir);
        if (dir.getParent() != null && dir.getParent().getParent() != null) {
            bases.add(dir.getParent().getParent());
        }
        InputException first = null;
        for (Path base : bases) {
            progress.accept("Importing " + config.getFileName() + " (histograms under " + base + ")");
            try {
                return new WorkspaceSource(config.getFileName().toString(), config, SignalGridFacade.importXml(config, base));
            } catch (InputException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    /**
     * The {@code nuisance grid} command line that computes this source's grid as the window does (for
     * "Run on cluster"), with the plane's axes and slice.
     */
    public static List<String> gridCommand(PublishedSource source, int x, int y, String slice) {
        List<String> c = new ArrayList<>(List.of("grid", "--workspace"));
        if (source.region() != null || source.regions().isEmpty() && PublishedSources.isArchive(source.file())) {
            c.add(source.file().toString());
            if (source.region() != null) {
                c.addAll(List.of("--region", source.region()));
            }
        } else {
            c.addAll(List.of(source.likelihood().source(), "--patchset", source.file().toString()));
        }
        c.addAll(List.of("--normsys-interp", "code4", "--histosys-interp", "code4p", "--axes", x + "," + y));
        if (slice != null) {
            c.addAll(List.of("--select", slice));
        }
        // no --output: the merge writes merged.json into the submission's own folder (not the app's start folder)
        c.addAll(List.of("--labels", String.join(",", source.labels())));
        return c;
    }

    /** A .xml file whose first 4 KB name a Combination element (HistFactory's top-level config). */
    static boolean isCombination(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            return head.contains("<Combination");
        } catch (IOException e) {
            return false;
        }
    }
}
