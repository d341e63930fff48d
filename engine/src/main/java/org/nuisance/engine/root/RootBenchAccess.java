package org.nuisance.engine.root;

import java.util.List;

/** For benchmarks: fetches and decompresses every basket of some branches without decoding values. */
public final class RootBenchAccess {

    private RootBenchAccess() {
    }

    /** Returns the number of decompressed bytes. */
    public static long decompressAll(List<RootBranch> branches) {
        long n = 0;
        for (RootBranch b : branches) {
            for (int i = 0; i < b.basketCount(); i++) {
                n += b.basket(i).data().length;
            }
        }
        return n;
    }
}
