package org.nuisance.engine.omnifold;

import org.nuisance.engine.data.InputException;

/** Conversions of the primitive arrays jhdf and DuckDB return into float32 columns. */
final class NumericColumns {

    private NumericColumns() {
    }

    /** True for one-dimensional primitive numeric arrays. */
    static boolean isNumeric1d(Object data) {
        return data instanceof float[] || data instanceof double[] || data instanceof long[] || data instanceof int[]
                || data instanceof short[] || data instanceof byte[] || data instanceof boolean[];
    }

    /** A one-dimensional numeric array as float32 (double precision is narrowed: the stored values are float32). */
    static float[] toFloat(Object data, String source, String name) {
        if (data instanceof float[] f) {
            return f;
        }
        int n = java.lang.reflect.Array.getLength(data);
        float[] out = new float[n];
        copyInto(data, out, 0, source, name);
        return out;
    }

    /** Copies a one-dimensional numeric array into out starting at offset. */
    static void copyInto(Object data, float[] out, int offset, String source, String name) {
        if (data instanceof float[] a) {
            System.arraycopy(a, 0, out, offset, a.length);
        } else if (data instanceof double[] a) {
            for (int i = 0; i < a.length; i++) {
                out[offset + i] = (float) a[i];
            }
        } else if (data instanceof long[] a) {
            for (int i = 0; i < a.length; i++) {
                out[offset + i] = a[i];
            }
        } else if (data instanceof int[] a) {
            for (int i = 0; i < a.length; i++) {
                out[offset + i] = a[i];
            }
        } else if (data instanceof short[] a) {
            for (int i = 0; i < a.length; i++) {
                out[offset + i] = a[i];
            }
        } else if (data instanceof byte[] a) {
            for (int i = 0; i < a.length; i++) {
                out[offset + i] = a[i];
            }
        } else if (data instanceof boolean[] a) {
            for (int i = 0; i < a.length; i++) {
                out[offset + i] = a[i] ? 1f : 0f;
            }
        } else {
            throw new InputException(source + ": column '" + name + "' has element type "
                    + describe(data) + ", expected numbers");
        }
    }

    /**
     * Scatters a [rows][items] block (a slice of rows starting at rowOffset) into per-item columns.
     * Row-major blocks are what pandas writes ({@code transposed=1}: values stored as rows x items).
     */
    static void scatterRows(Object block, float[][] columns, int rowOffset, String source, String blockName) {
        int n = java.lang.reflect.Array.getLength(block);
        for (int r = 0; r < n; r++) {
            Object row = java.lang.reflect.Array.get(block, r);
            if (row instanceof double[] a) {
                for (int c = 0; c < a.length; c++) {
                    columns[c][rowOffset + r] = (float) a[c];
                }
            } else if (row instanceof float[] a) {
                for (int c = 0; c < a.length; c++) {
                    columns[c][rowOffset + r] = a[c];
                }
            } else if (row instanceof long[] a) {
                for (int c = 0; c < a.length; c++) {
                    columns[c][rowOffset + r] = a[c];
                }
            } else if (row instanceof int[] a) {
                for (int c = 0; c < a.length; c++) {
                    columns[c][rowOffset + r] = a[c];
                }
            } else if (row instanceof short[] a) {
                for (int c = 0; c < a.length; c++) {
                    columns[c][rowOffset + r] = a[c];
                }
            } else if (row instanceof byte[] a) {
                for (int c = 0; c < a.length; c++) {
                    columns[c][rowOffset + r] = a[c];
                }
            } else if (row instanceof boolean[] a) {
                for (int c = 0; c < a.length; c++) {
                    columns[c][rowOffset + r] = a[c] ? 1f : 0f;
                }
            } else {
                throw new InputException(source + ": '" + blockName + "' has element type " + describe(row)
                        + ", expected numbers");
            }
        }
    }

    static String describe(Object data) {
        if (data == null) {
            return "none";
        }
        Class<?> c = data.getClass();
        return c.isArray() ? c.getComponentType().getSimpleName() : c.getSimpleName();
    }
}
