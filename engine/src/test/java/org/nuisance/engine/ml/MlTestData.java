package org.nuisance.engine.ml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.EventTable;

/** Locates the shared real data from wherever the tests run (project root or module folder). */
final class MlTestData {

    static final String HIGGSML_2014 = "shared/data/higgsml2014/atlas-higgs-challenge-2014-v2_first22889rows.csv";

    private MlTestData() {
    }

    /** The first 22,889 events of the ATLAS HiggsML 2014 release, found in an ancestor folder's shared/. */
    static Path higgsMl2014() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(HIGGSML_2014);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find " + HIGGSML_2014 + " above " + Path.of("").toAbsolutePath());
    }

    static EventTable readHiggsMl2014() {
        return EventReaders.read(higgsMl2014());
    }

    /** All PRI_* and DER_* columns of a table. */
    static List<String> priAndDer(EventTable t) {
        List<String> out = new ArrayList<>();
        for (String c : t.numericColumns()) {
            if (c.startsWith("PRI_") || c.startsWith("DER_")) {
                out.add(c);
            }
        }
        return out;
    }

    /** Rows split by a seeded shuffle: the first {@code fraction} of a permutation, or the rest. */
    static int[][] split(int n, double fraction, long seed) {
        int[] perm = ClassifierTrainer.permutation(n, new java.util.SplittableRandom(seed));
        int k = (int) Math.round(n * fraction);
        return new int[][] {java.util.Arrays.copyOfRange(perm, 0, k), java.util.Arrays.copyOfRange(perm, k, n)};
    }
}
