package org.nuisance.engine.root;

import java.util.ArrayList;
import java.util.List;

/** A TDirectory (the file's top directory or a sub-directory): its path and its keys in stored order. */
public record RootDirectory(String path, int version, long seekDir, long seekKeys, List<RootKey> keys) {

    /** The key called {@code name}, with {@code cycle} or, when cycle is -1, the highest cycle. Null if absent. */
    public RootKey key(String name, int cycle) {
        RootKey best = null;
        for (RootKey k : keys) {
            if (k.name().equals(name) && (cycle < 0 ? best == null || k.cycle() > best.cycle() : k.cycle() == cycle)) {
                best = k;
            }
        }
        return best;
    }

    /** The names of the keys, each once (highest cycle), in stored order. */
    public List<RootKey> latestKeys() {
        List<RootKey> out = new ArrayList<>();
        for (RootKey k : keys) {
            if (key(k.name(), -1) == k) {
                out.add(k);
            }
        }
        return out;
    }
}
