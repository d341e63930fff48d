package org.nuisance.engine.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.Map;

/** Reads plain HDF5 files that hold one one-dimensional dataset per column (jhdf, pure Java). */
public final class Hdf5EventReader {

    private Hdf5EventReader() {
    }

    public static EventTable read(Path file) {
        String source = file.getFileName().toString();
        long length;
        try {
            length = java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw new InputException(source + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try (HdfFile hdf = new HdfFile(file)) {
            TableAssembler assembler = new TableAssembler(source);
            int columns = 0;
            for (Map.Entry<String, Node> e : hdf.getChildren().entrySet()) {
                if (!(e.getValue() instanceof Dataset ds)) {
                    throw new InputException(source + ": '" + e.getKey() + "' is a group; expected one dataset per "
                            + "column at the top level (pandas HDF5 files are read by the OmniFold reader)");
                }
                if (ds.getDimensions().length != 1) {
                    throw new InputException(source + ": dataset '" + e.getKey() + "' has shape "
                            + java.util.Arrays.toString(ds.getDimensions()) + ", expected one dimension");
                }
                InputChecks.requireInFile(source, e.getKey(), ds, length);
                addColumn(assembler, source, e.getKey(), ds.getData());
                columns++;
            }
            if (columns == 0) {
                throw new InputException(source + ": no datasets found at the top level");
            }
            return assembler.build();
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException | InternalError e) {
            // InternalError: a read past the end of a memory-mapped, truncated file
            throw new InputException(source + ": not a readable HDF5 file (" + oneLine(e) + ")", e);
        }
    }

    /** An exception's message as one line (first line; the class name if there is none). */
    public static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m).trim();
    }

    static void addColumn(TableAssembler assembler, String source, String name, Object data) {
        if (data instanceof float[] f) {
            assembler.addNumeric(name, f);
        } else if (data instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            assembler.addNumeric(name, f);
        } else if (data instanceof int[] a) {
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                f[i] = a[i];
            }
            assembler.addNumeric(name, f);
        } else if (data instanceof long[] a) {
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                f[i] = a[i];
            }
            assembler.addNumeric(name, f);
        } else if (data instanceof short[] a) {
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                f[i] = a[i];
            }
            assembler.addNumeric(name, f);
        } else if (data instanceof byte[] a) {
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                f[i] = a[i];
            }
            assembler.addNumeric(name, f);
        } else if (data instanceof boolean[] a) {
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                f[i] = a[i] ? 1f : 0f;
            }
            assembler.addNumeric(name, f);
        } else if (data instanceof String[] s) {
            assembler.addStrings(name, s);
        } else {
            throw new InputException(source + ": dataset '" + name + "' has element type "
                    + (data == null ? "none" : data.getClass().getComponentType()) + ", expected numbers or text");
        }
    }
}
