package org.nuisance.engine.stats;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared (the team's reference data) from wherever the tests run, without copying it. */
public final class SharedData {

    private SharedData() {
    }

    public static Path reference(String sub) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("reference");
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(sub);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no shared/reference above " + Path.of("").toAbsolutePath());
    }
}
