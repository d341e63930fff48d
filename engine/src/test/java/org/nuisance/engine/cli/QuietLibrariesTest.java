package org.nuisance.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training from the command line, in its own JVM as a user runs it, prints no library noise on stderr: not
 * DJL's "Failed to detect GPU count" (every machine without CUDA) nor PyTorch's deprecation warnings.
 */
class QuietLibrariesTest {

    @Test
    void trainingPrintsNoGpuCountOrDeprecationWarning(@TempDir Path tmp) throws Exception {
        Path jvm = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = List.of(jvm.toString(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                NuisanceCli.class.getName(), "train", "--input", "demo", "--events", "3000", "--seed", "1",
                "--epochs", "1", "--features", "DER_mass_vis,PRI_met", "--output", tmp.resolve("model").toString());
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile())
                .redirectOutput(tmp.resolve("stdout.txt").toFile());
        String cache = System.getProperty("DJL_CACHE_DIR", System.getenv("DJL_CACHE_DIR"));
        if (cache != null) {
            pb.environment().put("DJL_CACHE_DIR", cache);
        }
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the training did not finish in 240 s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        assertFalse(stderr.contains("Failed to detect GPU count"), stderr);
        assertFalse(stderr.toLowerCase(java.util.Locale.ROOT).contains("deprecat"), stderr);
    }
}
