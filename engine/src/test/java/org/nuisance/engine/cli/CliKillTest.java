package org.nuisance.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command killed mid-write (kill -15, kill -9) leaves the previous output as it was: the CLI runs in
 * its own JVM, is killed once its temporary output file exists, and the target is then either the
 * previous file or a complete new one, never a fragment. SIGTERM also removes the temporary.
 */
class CliKillTest {

    @TempDir
    Path dir;

    private Process start(Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "org.nuisance.engine.cli.NuisanceCli", "shift", "--input", "demo", "--events", "400000",
                "--output", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
    }

    private List<Path> temporaries() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** Kills the writer once its temporary exists; returns whether it was still writing then. */
    private boolean killWhileWriting(Process p, boolean force) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (temporaries().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        boolean writing = p.isAlive() && !temporaries().isEmpty();
        if (force) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ended after the signal");
        return writing;
    }

    private static void assertPreviousOrComplete(Path out) throws Exception {
        String s = Files.readString(out, StandardCharsets.ISO_8859_1);
        if (s.equals("previous\n")) {
            return;
        }
        // the writer finished before the signal: the file must then be whole
        String[] lines = s.split("\n", -1);
        assertEquals("", lines[lines.length - 1], "ends with a complete line");
        int fields = lines[0].split(",", -1).length;
        for (int i = 1; i < lines.length - 1; i++) {
            assertEquals(fields, lines[i].split(",", -1).length, "line " + (i + 1) + " is complete");
        }
    }

    @Test
    void sigtermMidWriteKeepsThePreviousFileAndRemovesTheTemporary() throws Exception {
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "previous\n");
        Process p = start(out);
        boolean writing = killWhileWriting(p, false);
        assertPreviousOrComplete(out);
        if (writing) {
            assertEquals("previous\n", Files.readString(out), "killed while writing: the previous file stays");
        }
        assertTrue(temporaries().isEmpty(), "the shutdown hook removed " + temporaries());
    }

    @Test
    void sigkillMidWriteKeepsThePreviousFile() throws Exception {
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "previous\n");
        Process p = start(out);
        boolean writing = killWhileWriting(p, true);
        assertPreviousOrComplete(out);
        if (writing) {
            assertEquals("previous\n", Files.readString(out), "killed while writing: the previous file stays");
        }
    }
}
