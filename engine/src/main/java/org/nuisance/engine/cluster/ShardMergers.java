package org.nuisance.engine.cluster;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.nuisance.engine.data.InputException;

/**
 * The registry of result types that {@code merge} knows, keyed by command, and the checks that parts belong
 * together. A new shardable command adds one line to {@link #REGISTRY}.
 */
public final class ShardMergers {

    private static final Map<String, Supplier<ShardMerger>> REGISTRY = new LinkedHashMap<>();

    static {
        register("train", EnsembleShards::new);
        register("coverage", CoverageShards::new);
        register("nsbi train", org.nuisance.engine.cli.NsbiShards::new);
        register("grid", org.nuisance.engine.cli.GridShards::new);
        register("omnifold unfold", OmniFoldUnfoldShards::new);
    }

    private ShardMergers() {
    }

    /** Adds (or replaces) the merger for a command. */
    public static synchronized void register(String command, Supplier<ShardMerger> merger) {
        REGISTRY.put(command, merger);
    }

    /** The commands whose parts can be merged. */
    public static synchronized List<String> commands() {
        return List.copyOf(REGISTRY.keySet());
    }

    static synchronized ShardMerger forCommand(String command, Path where) {
        Supplier<ShardMerger> s = REGISTRY.get(command);
        if (s == null) {
            throw new InputException(where + ": parts of '" + command + "' cannot be merged (mergeable: "
                    + String.join(", ", REGISTRY.keySet()) + ")");
        }
        return s.get();
    }

    /**
     * Reads the parts, checks them ({@link #check}) and merges them with the command's merger.
     *
     * @param partial merge a subset of the shards (a result over fewer indices) instead of refusing
     */
    public static void merge(List<Path> partPaths, Path output, boolean partial, boolean json, PrintWriter out) {
        if (partPaths.isEmpty()) {
            throw new InputException("merge: no parts given");
        }
        List<ShardPart> parts = new ArrayList<>();
        for (Path p : partPaths) {
            parts.add(ShardPart.read(p));
        }
        List<Integer> order = check(parts, partPaths, partial);
        List<ShardPart> sortedParts = order.stream().map(parts::get).toList();
        List<Path> folders = order.stream().map(i -> folder(partPaths.get(i))).toList();
        forCommand(parts.get(0).command(), partPaths.get(0)).merge(sortedParts, folders, output, json, out);
    }

    /** A part's folder, given the folder or its manifest. */
    static Path folder(Path part) {
        return Files.isDirectory(part) ? part : part.toAbsolutePath().getParent();
    }

    /**
     * Checks that the parts come from the same command, settings, seed and index range, and that each shard
     * of N is present exactly once (any subset when {@code partial}); returns the parts' positions in shard
     * order. The first mismatch is reported in one line naming both parts and the difference.
     */
    public static List<Integer> check(List<ShardPart> parts, List<Path> paths, boolean partial) {
        ShardPart a = parts.get(0);
        Path pa = paths.get(0);
        for (int i = 1; i < parts.size(); i++) {
            ShardPart b = parts.get(i);
            Path pb = paths.get(i);
            String diff = difference(a, b);
            if (diff != null) {
                throw new InputException("merge: " + pb + " does not belong with " + pa + ": " + diff);
            }
        }
        Map<Integer, Integer> byIndex = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            Integer earlier = byIndex.putIfAbsent(parts.get(i).shard().index(), i);
            if (earlier != null) {
                throw new InputException("merge: shard " + parts.get(i).shard() + " given twice (" + paths.get(earlier)
                        + " and " + paths.get(i) + ")");
            }
        }
        int n = a.shard().count();
        if (!partial && byIndex.size() != n) {
            TreeSet<Integer> missing = new TreeSet<>();
            for (int k = 0; k < n; k++) {
                if (!byIndex.containsKey(k)) {
                    missing.add(k);
                }
            }
            throw new InputException("merge: shards " + missing + " of " + n + " missing (give every part, or --partial)");
        }
        for (int i = 0; i < parts.size(); i++) {
            ShardPart p = parts.get(i);
            if (!p.range().equals(p.shard().range(p.range().total()))) {
                throw new InputException("merge: " + paths.get(i) + ": shard " + p.shard() + " holds indices ["
                        + p.range().first() + ", " + p.range().end() + ") but that shard's slice of "
                        + p.range().total() + " is " + p.shard().range(p.range().total()));
            }
        }
        List<Integer> order = new ArrayList<>(byIndex.values());
        order.sort(Comparator.comparingInt(i -> parts.get(i).shard().index()));
        return order;
    }

    /** The first difference that keeps two parts apart, in words, or null. */
    static String difference(ShardPart a, ShardPart b) {
        if (!a.command().equals(b.command())) {
            return "command '" + b.command() + "' vs '" + a.command() + "'";
        }
        if (a.seed() != b.seed()) {
            return "--seed " + b.seed() + " vs " + a.seed();
        }
        TreeSet<String> keys = new TreeSet<>(a.settings().keySet());
        keys.addAll(b.settings().keySet());
        for (String k : keys) {
            String va = a.settings().get(k);
            String vb = b.settings().get(k);
            if (!Objects.equals(va, vb)) {
                return k + " " + (vb == null ? "(absent)" : vb) + " vs " + (va == null ? "(absent)" : va);
            }
        }
        if (a.shard().count() != b.shard().count()) {
            return "split into " + b.shard().count() + " shards vs " + a.shard().count();
        }
        if (!a.kind().equals(b.kind()) || a.range().total() != b.range().total()) {
            return b.range().total() + " " + b.kind() + " in all vs " + a.range().total() + " " + a.kind();
        }
        return null;
    }
}
