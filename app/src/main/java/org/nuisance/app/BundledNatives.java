package org.nuisance.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import org.tukaani.xz.XZInputStream;

/**
 * The installers ship PyTorch's native libraries xz-compressed in {@code natives/pytorch/} beside the
 * jars (about half the size of the deflated DJL native jar: the difference between a 170 MB and a
 * 130 MB .deb), and a DJL native jar slimmed to its {@code pytorch.properties}. Before DJL loads, this
 * unpacks them into the folder where DJL would have copied them itself from the full jar
 * ({@code <engine cache>/pytorch/<version>-<flavor>-<classifier>/}); DJL finds them there and copies
 * nothing. Without that folder (a Maven or IDE run with the full jar) it does nothing.
 */
final class BundledNatives {

    private BundledNatives() {
    }

    /** Unpacks the bundled PyTorch natives once per user and version; failures are logged, not thrown. */
    static void unpackPyTorch() {
        try {
            Path jar = Path.of(BundledNatives.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path bundled = jar.getParent().resolve("natives").resolve("pytorch");
            if (Files.isRegularFile(bundled.resolve("pytorch.properties"))) {
                unpack(bundled, ai.djl.util.Utils.getEngineCacheDir("pytorch"));
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            AppLog.logger().log(Level.WARNING, "could not unpack the bundled PyTorch natives", e);
        }
    }

    /**
     * Unpacks {@code bundled/*.xz} into DJL's folder for that build under {@code engineCache}, unless
     * it holds the torch library already. Returns that folder.
     */
    static Path unpack(Path bundled, Path engineCache) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(bundled.resolve("pytorch.properties"))) {
            p.load(r);
        }
        // the folder name DJL's LibUtils.copyNativeLibraryFromClasspath uses (DJL 0.36)
        Path target = engineCache.resolve(p.getProperty("version") + "-" + p.getProperty("flavor") + "-" + p.getProperty("classifier"));
        String torch = System.mapLibraryName("torch");
        if (Files.exists(target.resolve(torch))) {
            return target;
        }
        long t0 = System.nanoTime();
        Files.createDirectories(target);
        Path tmp = Files.createTempDirectory(engineCache, "unpacking-");
        try {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> xz = Files.newDirectoryStream(bundled, "*.xz")) {
                for (Path f : xz) {
                    String name = f.getFileName().toString();
                    Path out = tmp.resolve(name.substring(0, name.length() - 3));
                    try (InputStream in = new XZInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16))) {
                        Files.copy(in, out);
                    }
                    files.add(out);
                }
            }
            // the torch library last: DJL takes the folder as complete once that file exists
            files.sort((a, b) -> Boolean.compare(a.getFileName().toString().equals(torch), b.getFileName().toString().equals(torch)));
            for (Path f : files) {
                Files.move(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            try (DirectoryStream<Path> left = Files.newDirectoryStream(tmp)) {
                for (Path f : left) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(tmp);
        }
        AppLog.logger().info(String.format("unpacked the PyTorch natives into %s in %.1f s", target, (System.nanoTime() - t0) / 1e9));
        return target;
    }
}
