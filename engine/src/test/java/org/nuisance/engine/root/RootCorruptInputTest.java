package org.nuisance.engine.root;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.SharedData;
import org.nuisance.engine.data.InputException;

/**
 * Damaged ROOT files: truncated and bit-flipped versions of every shared file may only ever produce an
 * {@link InputException} with a one-line message (never another exception, a hang or an out-of-memory),
 * and the specific faults named by the issue say what is wrong. (A plain JUnit stand-in for a fuzz test:
 * the project has no Jazzer set-up yet.)
 */
class RootCorruptInputTest {

    @TempDir
    Path tmp;

    /** Reads everything the reader can reach in a file: keys, streamers, records, every branch, every histogram. */
    static void readEverything(Path file) {
        try (RootFile f = RootFile.open(file)) {
            f.allKeys();
            f.streamers();
            f.records();
            for (RootKey k : f.allKeys()) {
                if (f.key(k.path()) != k) {
                    continue;
                }
                if (k.className().equals("TTree") || k.className().startsWith("TNtuple")) {
                    RootTree t = f.tree(k.path());
                    for (RootBranch b : t.allBranches()) {
                        if (b.kind() != RootBranch.Kind.UNSUPPORTED && b.kind() != RootBranch.Kind.CONTAINER) {
                            b.read(0, t.entries());
                        }
                    }
                } else if (k.className().startsWith("TH1") || k.className().startsWith("TH2")
                        || k.className().equals("TProfile")) {
                    f.histogram(k.path());
                }
            }
        }
    }

    private static List<Path> sharedFiles() throws IOException {
        try (Stream<Path> s = Files.list(SharedData.root().resolve("data/root"))) {
            return s.filter(p -> p.toString().endsWith(".root")).sorted().toList();
        }
    }

    private static void expectOnlyInputException(Path damaged, String what) {
        try {
            readEverything(damaged);
        } catch (InputException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().contains("\n"), what + ": multi-line message");
        } catch (Throwable t) {
            fail(what + ": " + t, t);
        }
    }

    @Test
    void truncatedAndBitFlippedFilesOnlyEverGiveInputExceptions() throws IOException {
        SplittableRandom rng = new SplittableRandom(20261207L);
        for (Path src : sharedFiles()) {
            byte[] bytes = Files.readAllBytes(src);
            List<byte[]> variants = new ArrayList<>();
            for (double frac : new double[] {0.0, 0.001, 0.3, 0.7, 0.97, 0.9999}) {
                variants.add(java.util.Arrays.copyOf(bytes, (int) (bytes.length * frac)));
            }
            for (int v = 0; v < 8; v++) {
                byte[] b = bytes.clone();
                for (int k = 0; k < 1 + v; k++) {
                    int pos = rng.nextInt(b.length);
                    b[pos] ^= (byte) (1 << rng.nextInt(8));
                }
                variants.add(b);
            }
            Path out = tmp.resolve(src.getFileName());
            for (int v = 0; v < variants.size(); v++) {
                Files.write(out, variants.get(v));
                String what = src.getFileName() + " variant " + v;
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> expectOnlyInputException(out, what), what);
            }
        }
    }

    private Path damaged(String name, int pos, int xor) throws IOException {
        byte[] b = Files.readAllBytes(RootFacts.file(name));
        b[pos] ^= (byte) xor;
        Path out = tmp.resolve("damaged-" + name);
        Files.write(out, b);
        return out;
    }

    @Test
    void truncatedFileSaysSo() throws IOException {
        byte[] b = Files.readAllBytes(RootFacts.file("uproot-Zmumu.root"));
        Path out = tmp.resolve("cut.root");
        Files.write(out, java.util.Arrays.copyOf(b, b.length / 2));
        InputException e = assertThrows(InputException.class, () -> readEverything(out));
        assertTrue(e.getMessage().contains("cut.root") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void corruptZlibBlockAndBadLz4ChecksumNameFileAndBasket() throws IOException {
        // the first basket of px1 in each file; flipping a byte in the middle of its compressed data
        for (String name : List.of("uproot-Zmumu.root", "uproot-Zmumu-lz4.root", "uproot-Zmumu-zstd.root",
                "uproot-Zmumu-lzma.root")) {
            RootBranch px1;
            try (RootFile f = RootFile.open(RootFacts.file(name))) {
                px1 = f.tree("events").branch("px1");
                long seek = px1.basketSeek()[0];
                int n = px1.basketBytes()[0];
                Path out = damaged(name, (int) (seek + n - 20), 0x5a);
                InputException e = assertThrows(InputException.class, () -> {
                    try (RootFile g = RootFile.open(out)) {
                        g.tree("events").branch("px1").read(0, 2304);
                    }
                }, name);
                assertTrue(e.getMessage().contains("events/px1 basket 0"), e.getMessage());
                if (name.contains("lz4")) {
                    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
                }
            }
        }
    }

    @Test
    void unsupportedClassAndMissingBranchAreNamed() {
        try (RootFile f = RootFile.open(RootFacts.file("uproot-stl_containers.root"))) {
            InputException e = assertThrows(InputException.class,
                    () -> f.tree("tree").branch("map_string_string").read(0, 5));
            assertTrue(e.getMessage().contains("tree/map_string_string") && e.getMessage().contains("map<string,string>"),
                    e.getMessage());
            e = assertThrows(InputException.class, () -> f.tree("tree").branch("no_such_branch"));
            assertTrue(e.getMessage().contains("uproot-stl_containers.root") && e.getMessage().contains("no_such_branch"));
            e = assertThrows(InputException.class, () -> f.histogram("tree"));
            assertTrue(e.getMessage().contains("TTree"), e.getMessage());
        }
        InputException e = assertThrows(InputException.class,
                () -> RootFile.open(SharedData.root().resolve("reference/ROOT.md")));
        assertTrue(e.getMessage().contains("not a ROOT file"), e.getMessage());
    }
}
