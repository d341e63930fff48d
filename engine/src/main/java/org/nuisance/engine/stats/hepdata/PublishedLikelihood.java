package org.nuisance.engine.stats.hepdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.histfactory.Workspace;

/**
 * A published likelihood as HEPData ships it: a background-only pyhf workspace plus one JSON Patch per
 * signal point (patch files, a pyhf patchset, or both inside the record's .tar.gz, read without
 * unpacking). {@link #workspace(SignalPoint)} applies a point's patch in memory. Immutable.
 */
public final class PublishedLikelihood {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String source;
    private final JsonNode background;
    private final List<String> labels;
    private final List<SignalPoint> points;

    private PublishedLikelihood(String source, JsonNode background, List<String> labels, List<SignalPoint> points) {
        this.source = source;
        this.background = background;
        this.labels = List.copyOf(labels);
        this.points = List.copyOf(points);
    }

    /**
     * Opens a background-only workspace: a pyhf JSON file, or a .tar.gz (HEPData's download) in which
     * region picks the folder (RegionA: {@code RegionA/BkgOnly.json}) and whose patch files and patchset
     * of that folder become the {@link #points}. region may be null where the file has one workspace.
     */
    public static PublishedLikelihood open(Path workspace, String region) {
        String fn = workspace.getFileName().toString().toLowerCase();
        if (fn.endsWith(".tar.gz") || fn.endsWith(".tgz")) {
            return openArchive(workspace, region);
        }
        if (!Files.isRegularFile(workspace)) {
            throw new InputException(workspace + ": no such file (--workspace)");
        }
        return new PublishedLikelihood(workspace.toString(), readJson(workspace), List.of(), List.of());
    }

    private static PublishedLikelihood openArchive(Path archive, String region) {
        if (!Files.isRegularFile(archive)) {
            throw new InputException(archive + ": no such file (--workspace)");
        }
        Map<String, byte[]> files = TarGz.read(archive, n -> n.endsWith(".json"));
        List<String> bkgs = files.keySet().stream().filter(n -> n.toLowerCase().endsWith("bkgonly.json")).toList();
        List<String> regions = bkgs.stream().map(PublishedLikelihood::folderOf).toList();
        String bkg;
        if (region != null) {
            bkg = bkgs.stream().filter(n -> folderOf(n).equals(region) || folderOf(n).endsWith("/" + region))
                    .findFirst().orElseThrow(() -> new InputException(archive + ": no region '" + region
                            + "' (--region); the archive has " + regions));
        } else if (bkgs.size() == 1) {
            bkg = bkgs.get(0);
        } else {
            throw new InputException(archive + ": " + (bkgs.isEmpty() ? "no BkgOnly.json in the archive"
                    : "several background-only workspaces " + regions + "; choose one with --region"));
        }
        String folder = folderOf(bkg);
        String src = archive + "!" + bkg;
        JsonNode background = parse(files.get(bkg), src);
        List<String> labels = new ArrayList<>();
        Map<String, SignalPoint> points = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String name = e.getKey();
            if (!folderOf(name).equals(folder) || name.equals(bkg)) {
                continue;
            }
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (base.startsWith("patch.")) {
                SignalPoint p = SignalPoint.ofFile(base, archive + "!" + name, e.getValue());
                points.put(p.name(), p);
            } else if (base.toLowerCase().contains("patchset")) {
                PatchSet set = PatchSet.parse(parse(e.getValue(), archive + "!" + name), archive + "!" + name);
                labels.addAll(set.labels());
                for (SignalPoint p : set.points()) {
                    points.putIfAbsent(p.name(), p);
                }
            }
        }
        return new PublishedLikelihood(src, background, labels, new ArrayList<>(points.values()));
    }

    private static String folderOf(String entry) {
        int i = entry.lastIndexOf('/');
        return i < 0 ? "" : entry.substring(0, i);
    }

    /** This likelihood with the points of a pyhf patchset file (replacing the archive's). */
    public PublishedLikelihood withPatchset(Path file) {
        PatchSet set = PatchSet.parse(readJson(file), file.toString());
        return new PublishedLikelihood(source, background, set.labels(), set.points());
    }

    /**
     * This likelihood with the patch files of a folder ({@code patch*.json} in it) or matching a glob
     * ({@code Region/patch.sbottom_*.json}), sorted by name.
     */
    public PublishedLikelihood withPatches(String dirOrGlob) {
        Path p = Path.of(dirOrGlob);
        List<Path> files;
        try {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    files = s.filter(f -> f.getFileName().toString().startsWith("patch")
                            && f.getFileName().toString().endsWith(".json")).sorted().toList();
                }
            } else {
                Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
                if (!Files.isDirectory(dir)) {
                    throw new InputException(dirOrGlob + ": no such folder (--patches)");
                }
                try (Stream<Path> s = Files.list(dir)) {
                    files = s.filter(f -> m.matches(f.getFileName())).sorted().toList();
                }
            }
        } catch (IOException e) {
            throw new InputException(dirOrGlob + ": cannot list (" + e.getMessage() + ") (--patches)", e);
        }
        if (files.isEmpty()) {
            throw new InputException(dirOrGlob + ": no patch files (--patches)");
        }
        List<SignalPoint> pts = new ArrayList<>();
        for (Path f : files) {
            pts.add(SignalPoint.ofFile(f.getFileName().toString(), f.toString(), readBytes(f)));
        }
        return new PublishedLikelihood(source, background, List.of(), pts);
    }

    /** Where the background-only workspace came from (a file, or archive!entry). */
    public String source() {
        return source;
    }

    /** The names of the points' values (patchset labels), or empty where unknown. */
    public List<String> labels() {
        return labels;
    }

    /** The signal points known (from the archive, a patchset or patch files), sorted by name. */
    public List<SignalPoint> points() {
        return points;
    }

    /** The background-only workspace. */
    public Workspace background() {
        return parseWorkspace(background, source);
    }

    /**
     * A signal point by name (sbottom_1300_205_60, patch.sbottom_1300_205_60 or
     * patch.sbottom_1300_205_60.json) among {@link #points}, or else a patch file on disk.
     */
    public SignalPoint point(String nameOrFile) {
        String name = SignalPoint.nameOf(nameOrFile);
        for (SignalPoint p : points) {
            if (p.name().equals(name) || p.name().equals(nameOrFile)) {
                return p;
            }
        }
        Path f = Path.of(nameOrFile);
        if (Files.isRegularFile(f)) {
            return SignalPoint.ofFile(f.getFileName().toString(), f.toString(), readBytes(f));
        }
        throw new InputException(nameOrFile + ": no such patch file, and no signal point of that name in "
                + source + (points.isEmpty() ? "" : " (" + points.size() + " points, e.g. " + points.get(0).name()
                + ")") + " (--patch)");
    }

    /** The signal workspace of a point: the background-only workspace with its patch applied. */
    public Workspace workspace(SignalPoint point) {
        JsonNode patched;
        try {
            patched = point.patch().apply(background);
        } catch (InputException e) {
            // the patch's own message names the patch; the background it was applied to may be the culprit
            throw new InputException(source + " + " + e.getMessage(), e);
        }
        return parseWorkspace(patched, source + " + " + point.source());
    }

    private static Workspace parseWorkspace(JsonNode node, String where) {
        try {
            return Workspace.fromJson(node);
        } catch (InputException e) {
            throw new InputException(where + ": " + e.getMessage(), e);
        }
    }

    static JsonNode readJson(Path file) {
        return parse(readBytes(file), file.toString());
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    static JsonNode parse(byte[] bytes, String where) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new InputException(where + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
