package org.nuisance.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared (beside the project root) from wherever the tests run. */
public final class SharedData {

    private SharedData() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("engine"))
                    && Files.isDirectory(p.resolve("../shared").normalize())) {
                return p.resolve("../shared").normalize();
            }
        }
        throw new IllegalStateException("cannot find ../shared beside the project root from " + dir);
    }

    public static Path fairUniverseParquet() {
        return root().resolve("data/fair-universe/FAIR_Universe_HiggsML_data.parquet");
    }

    public static Path higgsMl2014Csv() {
        return root().resolve("data/higgsml2014/atlas-higgs-challenge-2014-v2_first22889rows.csv");
    }

    public static Path histFactory(String name) {
        return root().resolve("reference/histfactory/" + name);
    }
}
