package org.nuisance.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Opens an event file by what its first bytes say it is (Parquet, HDF5, ROOT or CSV text), not by its
 * name. A ROOT file may name its tree after a colon: {@code events.root:events} (without it, the only tree).
 */
public final class EventReaders {

    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** The formats recognised by content. */
    public enum Format { PARQUET, HDF5, CSV, ROOT }

    private EventReaders() {
    }

    public static EventTable read(Path file) {
        Path[] rootAndTree = rootWithTree(file);
        if (rootAndTree != null) {
            return org.nuisance.engine.root.RootEventReader.read(rootAndTree[0], rootAndTree[1].toString());
        }
        return switch (detect(file)) {
            case PARQUET -> ParquetEventReader.read(file);
            case HDF5 -> Hdf5EventReader.read(file);
            case CSV -> CsvEventReader.read(file);
            case ROOT -> org.nuisance.engine.root.RootEventReader.read(file, null);
        };
    }

    /** For "FILE.root:TREE" where FILE.root is a ROOT file and the whole string is no file: {file, tree}; else null. */
    static Path[] rootWithTree(Path file) {
        String s = file.toString();
        int c = s.lastIndexOf(':');
        if (c <= 1 || c == s.length() - 1 || Files.exists(file)) {
            return null;
        }
        Path f = Path.of(s.substring(0, c));
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(4);
            if (org.nuisance.engine.root.RootFile.isRootFile(head, head.length)) {
                return new Path[] {f, Path.of(s.substring(c + 1))};
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    public static Format detect(Path file) {
        if (rootWithTree(file) != null) {
            return Format.ROOT;
        }
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new InputException(source + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new InputException(source + ": is a folder, expected an event file");
        }
        if (!Files.isRegularFile(file)) {
            // a named pipe or device would block or never end
            throw new InputException(source + ": is not a regular file (a pipe or device?), expected an event file");
        }
        if (!Files.isReadable(file)) {
            throw new InputException(source + ": cannot be read (permission denied)");
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new InputException(source + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (n == 0) {
            throw new InputException(source + ": the file is empty");
        }
        if (n >= 4 && Arrays.equals(Arrays.copyOf(head, 4), PARQUET_MAGIC)) {
            return Format.PARQUET;
        }
        if (n == 8 && Arrays.equals(head, HDF5_MAGIC)) {
            return Format.HDF5;
        }
        if (org.nuisance.engine.root.RootFile.isRootFile(head, n)) {
            return Format.ROOT;
        }
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xff;
            if (b == 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b != 0x1b)) {
                throw new InputException(source + ": not a Parquet, HDF5, ROOT or CSV event file (binary content)");
            }
        }
        return Format.CSV;
    }
}
