package org.nuisance.engine.omnifold.unfold;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.omnifold.OmniFoldTable;
import org.nuisance.engine.omnifold.PandasHdf5Writer;
import org.nuisance.engine.omnifold.SyntheticOmniFold;

/**
 * Writes a table of float32 columns as Parquet (through DuckDB) or, for a name ending in .h5/.hdf5,
 * as the pandas DataFrame {@code to_hdf(key='df')} writes ({@link PandasHdf5Writer}, the ATLAS release's
 * layout, which the result reader and the Unfolded tab open);
 * always to a temporary file beside the target, renamed into place, so a reader never sees half a file.
 */
public final class TableFiles {

    private TableFiles() {
    }

    public static void write(OmniFoldTable table, Path file) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            try {
                Files.delete(tmp); // the writers create the file themselves
                String name = abs.getFileName().toString().toLowerCase(Locale.ROOT);
                try {
                    if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
                        PandasHdf5Writer.write(table, tmp, "--output");
                    } else {
                        SyntheticOmniFold.writeParquet(table, tmp);
                    }
                } catch (InputException e) {
                    Throwable c = e.getCause() == null ? e : e.getCause();
                    String msg = c.getMessage() == null ? c.toString() : c.getMessage().lines().findFirst().orElse("");
                    throw new InputException(file + ": cannot write (" + msg + ")", e);
                }
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InputException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
