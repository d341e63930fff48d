package org.nuisance.engine.data;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;

/**
 * The checks every reader and command shares, each failing with an {@link InputException} of one line
 * naming the source and the place: finite values in numeric columns, option values in range, dataset
 * extents inside their HDF5 file, and allocations bounded before they are made.
 */
public final class InputChecks {

    /** The most elements one array may be asked to hold from an input or an option. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private InputChecks() {
    }

    /**
     * The first non-finite value of a column as an error: "source: column X, row R: NaN is not a finite
     * number". Rows count from 1 over the data (not the header). Does nothing if every value is finite.
     */
    public static void requireFinite(String source, String column, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InputException(source + ": column " + column + ", row " + (i + 1) + " of the data: "
                        + values[i] + " is not a finite number");
            }
        }
    }

    /**
     * Every numeric column of a computed table is finite, else one line: "source: column X, event N
     * after what: NaN ..., an input value is outside its physical range". For outputs computed from
     * inputs that were finite (shifted kinematics, scores).
     */
    public static void requireFiniteResult(String source, EventTable t, String what) {
        for (String c : t.numericColumns()) {
            float[] v = t.column(c);
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new InputException(source + ": column " + c + " of event " + (i + 1) + " is " + v[i] + " after "
                            + what + "; an input value of that event is outside its physical range");
                }
            }
        }
    }

    /** As {@link #requireFinite(String, String, float[])} for doubles. */
    public static void requireFinite(String source, String column, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InputException(source + ": column " + column + ", row " + (i + 1) + " of the data: "
                        + values[i] + " is not a finite number");
            }
        }
    }

    /** A finite option value, else "OPTION: X is not a finite number". */
    public static double finiteOption(String option, double value) {
        if (!Double.isFinite(value)) {
            throw new InputException(option + ": " + value + " is not a finite number");
        }
        return value;
    }

    /** An integer option within [min, max], else one line naming the option, the value and the range. */
    public static int intOption(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InputException(option + ": " + value + " is outside [" + min + ", " + max + "]");
        }
        return (int) value;
    }

    /**
     * Refuses an allocation of count elements of bytesEach bytes that the JVM's memory cannot hold (with
     * a factor of headroom), before it is made: "what: N elements need X GB, the JVM has Y GB".
     */
    public static void requireMemory(String what, long count, int bytesEach, int copies) {
        long need = count * (long) bytesEach * copies;
        long max = Runtime.getRuntime().maxMemory();
        if (count > MAX_ELEMENTS || need < 0 || need > max * 0.8) {
            throw new InputException(String.format(java.util.Locale.ROOT,
                    "%s: %d elements need %.1f GB, more than the %.1f GB this JVM may use (raise -Xmx or ask for fewer)",
                    what, count, need / 1e9, max / 1e9));
        }
    }

    /** Checks every dataset of an HDF5 file, at any depth, with {@link #requireInFile}. */
    public static void requireAllInFile(String source, io.jhdf.api.Group group, long fileLength) {
        for (java.util.Map.Entry<String, io.jhdf.api.Node> e : group.getChildren().entrySet()) {
            if (e.getValue() instanceof Dataset ds) {
                requireInFile(source, e.getValue().getPath(), ds, fileLength);
            } else if (e.getValue() instanceof io.jhdf.api.Group g && !g.isLink()) {
                requireAllInFile(source, g, fileLength);
            }
        }
    }

    /**
     * A dataset's stored bytes must lie inside the file: a truncated or cut HDF5 file otherwise reads
     * garbage or zeros as values. Contiguous data must end before the file does; the declared size of
     * every dataset must fit in the file (compressed chunks are checked by their decompression).
     */
    public static void requireInFile(String source, String name, Dataset ds, long fileLength) {
        long elements = ds.getSize();
        if (elements < 0 || elements > MAX_ELEMENTS) {
            throw new InputException(source + ": dataset '" + name + "' declares " + elements + " elements");
        }
        if (ds instanceof ContiguousDataset c && !ds.isEmpty()) {
            long address = c.getDataAddress();
            long bytes = ds.getSizeInBytes();
            if (address < 0 || bytes < 0 || address + bytes > fileLength) {
                throw new InputException(source + ": dataset '" + name + "' needs bytes up to " + (address + bytes)
                        + " but the file has " + fileLength + " bytes; the file is truncated or corrupt");
            }
        }
        long stored = ds.getStorageInBytes();
        if (ds.getFilters().isEmpty() && stored > fileLength) {
            throw new InputException(source + ": dataset '" + name + "' stores " + stored + " bytes but the file has "
                    + fileLength + "; the file is truncated or corrupt");
        }
    }
}
