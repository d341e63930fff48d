package org.nuisance.engine.root;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.nuisance.engine.data.InputException;

/**
 * A TTree (or TNtuple): entry count, stored class version and its branches (top-level and nested, in
 * stored order). Reading selects branches by name and entries by range, decoding basket by basket and
 * branches in parallel.
 */
public final class RootTree {

    private final RootFile file;
    private final String path;
    private final String name;
    private final String title;
    private final String className;
    private final int version;
    private final long entries;
    private final List<RootBranch> branches;
    private final Map<String, RootBranch> byName = new LinkedHashMap<>();

    RootTree(RootFile file, String path, RObject t) {
        this.file = file;
        this.path = path;
        this.name = t.string("fName");
        this.title = t.string("fTitle");
        this.className = t.className();
        this.version = t.classVersions().getOrDefault("TTree", t.version());
        this.entries = t.longValue("fEntries");
        List<RootBranch> top = new ArrayList<>();
        for (Object o : t.items("fBranches")) {
            if (o instanceof RObject b) {
                top.add(new RootBranch(file, path, b));
            }
        }
        this.branches = Collections.unmodifiableList(top);
        for (RootBranch b : allBranches()) {
            byName.putIfAbsent(b.name(), b);
        }
    }

    public String path() {
        return path;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    /** TTree, TNtuple or TNtupleD. */
    public String className() {
        return className;
    }

    /** The stored TTree class version (16 for ROOT 5.23, 19 for 5.30..6.08, 20 for 6.20). */
    public int version() {
        return version;
    }

    public long entries() {
        return entries;
    }

    public RootFile file() {
        return file;
    }

    /** The top-level branches. */
    public List<RootBranch> branches() {
        return branches;
    }

    /** Every branch, depth first (a branch, then its sub-branches). */
    public List<RootBranch> allBranches() {
        List<RootBranch> out = new ArrayList<>();
        for (RootBranch b : branches) {
            add(b, out);
        }
        return out;
    }

    private static void add(RootBranch b, List<RootBranch> out) {
        out.add(b);
        for (RootBranch c : b.children()) {
            add(c, out);
        }
    }

    /** The branch called {@code name}, or null. */
    public RootBranch branchOrNull(String branchName) {
        return byName.get(branchName);
    }

    /** The branch called {@code name}; a missing one is an InputException naming file, tree and branch. */
    public RootBranch branch(String branchName) {
        RootBranch b = byName.get(branchName);
        if (b == null) {
            throw new InputException(file.source() + ": " + path + ": no branch named '" + branchName + "'");
        }
        return b;
    }

    /** Reads entries [start, stop) of several branches (in parallel); all names are checked first. */
    public Map<String, BranchArray> read(List<String> names, long start, long stop) {
        List<RootBranch> bs = new ArrayList<>();
        for (String n : names) {
            RootBranch b = branch(n);
            b.requireReadable();
            bs.add(b);
        }
        Map<String, BranchArray> out = new ConcurrentHashMap<>();
        IntStream.range(0, bs.size()).parallel().forEach(i -> out.put(bs.get(i).name(), bs.get(i).read(start, stop)));
        Map<String, BranchArray> ordered = new LinkedHashMap<>();
        for (RootBranch b : bs) {
            ordered.put(b.name(), out.get(b.name()));
        }
        return ordered;
    }

    /**
     * Python-style entry range: negative start/stop count from the end, both clamped to [0, entries].
     * Returns {start, stop}.
     */
    public long[] range(Long start, Long stop) {
        long s = start == null ? 0 : start < 0 ? entries + start : start;
        long e = stop == null ? entries : stop < 0 ? entries + stop : stop;
        s = Math.max(0, Math.min(s, entries));
        e = Math.max(s, Math.min(e, entries));
        return new long[] {s, e};
    }
}
