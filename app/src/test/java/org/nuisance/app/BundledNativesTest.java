package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** The installer's xz-packed natives land where DJL looks for an extracted native jar. */
class BundledNativesTest {

    @TempDir
    Path tmp;

    private void xz(Path file, byte[] content) throws IOException {
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(file), new LZMA2Options())) {
            out.write(content);
        }
    }

    @Test
    void unpacksIntoDjlsVersionFlavorClassifierFolderOnce() throws IOException {
        Path bundled = Files.createDirectories(tmp.resolve("natives/pytorch"));
        Files.writeString(bundled.resolve("pytorch.properties"),
                "version=2.7.1-20250812\nflavor=cpu\nclassifier=linux-x86_64\nlibraries=libc10.so,libtorch.so\n");
        String torch = System.mapLibraryName("torch");
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 / 7);
        }
        xz(bundled.resolve(torch + ".xz"), "stub".getBytes());
        xz(bundled.resolve("libc10.so.xz"), big);
        Path cache = tmp.resolve("cache/pytorch");

        Path dir = BundledNatives.unpack(bundled, Files.createDirectories(cache));

        assertEquals(cache.resolve("2.7.1-20250812-cpu-linux-x86_64"), dir);
        assertArrayEquals(big, Files.readAllBytes(dir.resolve("libc10.so")));
        assertArrayEquals("stub".getBytes(), Files.readAllBytes(dir.resolve(torch)));
        try (var left = Files.list(cache)) {
            assertEquals(1, left.count(), "no temporary folder left behind");
        }
        Files.delete(dir.resolve("libc10.so"));
        BundledNatives.unpack(bundled, cache);
        assertTrue(Files.notExists(dir.resolve("libc10.so")), "a folder with the torch library is taken as complete");
    }
}
