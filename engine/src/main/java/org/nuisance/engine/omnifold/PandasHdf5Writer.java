package org.nuisance.engine.omnifold;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nuisance.engine.util.AtomicOutput;

/**
 * Writes a table of float32 columns as the pandas DataFrame {@code df.to_hdf(file, key='df')} writes in
 * its default "fixed" layout (pandas.io.pytables FrameFixed.write / BlockManagerFixed, pandas 1.x-2.x),
 * the layout of the ATLAS Z+jets release (arXiv:2405.20041; read back by {@code pd.read_hdf(f, 'df')}):
 * group {@code df} with attributes {@code pandas_type='frame'}, {@code ndim=2}, {@code nblocks=1};
 * {@code axis0} the column names, {@code axis1} the int64 row index 0..n-1, and one float32 block,
 * {@code block0_items} (the names again) and {@code block0_values} (rows x columns, stored transposed as
 * pandas does). {@link PandasHdf5Reader} reads it.
 */
public final class PandasHdf5Writer {

    /** The key pandas uses when none is given and the one {@link OmniFoldReader} picks first. */
    public static final String KEY = OmniFoldReader.DEFAULT_KEY;

    private PandasHdf5Writer() {
    }

    /** Writes atomically (temporary file renamed into place); {@code option} names the CLI option in errors. */
    public static void write(OmniFoldTable t, Path file, String option) {
        AtomicOutput.writeWith(file, option, tmp -> {
            try (WritableHdfFile out = HdfFile.write(tmp)) {
                writeFrame(out.putGroup(KEY), t);
            } catch (RuntimeException e) {
                throw new IOException("cannot write pandas HDF5 (" + AtomicOutput.describe(e) + ")", e);
            }
        });
    }

    private static void writeFrame(WritableGroup g, OmniFoldTable t) {
        List<String> names = t.columnNames();
        int rows = t.rows();
        int items = names.size();
        String[] labels = names.toArray(new String[0]);
        // attributes as FrameFixed.write sets them (set_object_info, then the BlockManagerFixed ones)
        g.putAttribute("pandas_type", "frame");
        g.putAttribute("pandas_version", "0.15.2");
        g.putAttribute("encoding", "UTF-8");
        g.putAttribute("errors", "strict");
        g.putAttribute("ndim", 2L);
        g.putAttribute("axis0_variety", "regular");
        g.putAttribute("axis1_variety", "regular");
        g.putAttribute("nblocks", 1L);
        g.putAttribute("block0_items_variety", "regular");
        WritableDataset axis0 = g.putDataset("axis0", labels);
        axis0.putAttribute("kind", "string");
        axis0.putAttribute("name", "N.");
        long[] index = new long[rows];
        for (int i = 0; i < rows; i++) {
            index[i] = i;
        }
        WritableDataset axis1 = g.putDataset("axis1", index);
        axis1.putAttribute("kind", "integer");
        axis1.putAttribute("name", "N.");
        WritableDataset blockItems = g.putDataset("block0_items", labels.clone());
        blockItems.putAttribute("kind", "string");
        blockItems.putAttribute("name", "N.");
        float[][] values = new float[rows][items];
        for (int c = 0; c < items; c++) {
            float[] col = t.column(labels[c]);
            for (int i = 0; i < rows; i++) {
                values[i][c] = col[i];
            }
        }
        WritableDataset block = g.putDataset("block0_values", values);
        block.putAttribute("transposed", 1L);
    }
}
