package org.nuisance.engine.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.data.InputException;

/** Outputs appear whole or not at all: full disks, failures and concurrent writers leave no partial or mixed file. */
class AtomicOutputTest {

    @TempDir
    Path dir;

    @AfterEach
    void off() {
        AtomicOutput.simulateDiskFullAfter(-1);
    }

    private long entries() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void fullDiskKeepsThePreviousFileAndLeavesNoTemporary() throws Exception {
        Path f = dir.resolve("out.csv");
        Files.writeString(f, "previous\n");
        AtomicOutput.simulateDiskFullAfter(10);
        InputException e = assertThrows(InputException.class,
                () -> AtomicOutput.writeString(f, "--output", "a,b\n1,2\n3,4\n5,6\n"));
        assertTrue(e.getMessage().contains("out.csv") && e.getMessage().contains("--output")
                && e.getMessage().contains("No space left"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals("previous\n", Files.readString(f));
        assertEquals(1, entries());
    }

    @Test
    void folderTargetsAndTrailingSeparatorsAreRefusedAndParentsCreated() throws Exception {
        assertThrows(InputException.class, () -> AtomicOutput.writeString(dir, "--output", "x"));
        assertThrows(InputException.class, () -> AtomicOutput.writeString(dir.resolve("newdir").resolve("."), "--output", "x"));
        Path nested = dir.resolve("a/b/c.json");
        AtomicOutput.writeString(nested, "--output", "{}");
        assertEquals("{}", Files.readString(nested));
    }

    @Test
    void concurrentWritersProduceOneWholeFile() throws Exception {
        Path f = dir.resolve("same.csv");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] fs = new Future<?>[8];
            for (int k = 0; k < fs.length; k++) {
                String line = ("writer" + k + ",").repeat(20_000) + "\n";
                fs[k] = pool.submit(() -> AtomicOutput.write(f, "--output", out -> {
                    for (int r = 0; r < 5; r++) {
                        out.write(line.getBytes(StandardCharsets.US_ASCII));
                    }
                }));
            }
            for (Future<?> x : fs) {
                x.get();
            }
        } finally {
            pool.shutdown();
        }
        String content = Files.readString(f);
        String first = content.substring(0, content.indexOf(','));
        assertEquals(5 * 20_000, content.split(first + ",", -1).length - 1, "one writer's content only");
        assertEquals(1, entries());
    }

    @Test
    void folderAppearsOnlyComplete() throws Exception {
        Path model = dir.resolve("model");
        AtomicOutput.writeFolder(model, "--output", tmp -> Files.writeString(tmp.resolve("a.txt"), "1"));
        AtomicOutput.simulateDiskFullAfter(0);
        assertThrows(InputException.class, () -> AtomicOutput.writeFolder(model, "--output", d -> true,
                tmp -> Files.writeString(tmp.resolve("b.txt"), "2")));
        assertTrue(Files.exists(model.resolve("a.txt")));
        assertFalse(Files.exists(model.resolve("b.txt")));
        assertEquals(1, entries());
        AtomicOutput.simulateDiskFullAfter(-1);
        InputException foreign = assertThrows(InputException.class, () -> AtomicOutput.writeFolder(model, "--output",
                tmp -> Files.writeString(tmp.resolve("b.txt"), "2")));
        assertTrue(foreign.getMessage().contains("other content"), foreign.getMessage());
        AtomicOutput.writeFolder(model, "--output", d -> Files.exists(d.resolve("a.txt")),
                tmp -> Files.writeString(tmp.resolve("b.txt"), "2"));
        assertFalse(Files.exists(model.resolve("a.txt")));
        assertTrue(Files.exists(model.resolve("b.txt")));
        assertEquals(1, entries());
    }
}
