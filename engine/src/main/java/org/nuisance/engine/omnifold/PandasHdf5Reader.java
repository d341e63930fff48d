package org.nuisance.engine.omnifold;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nuisance.engine.data.InputException;

/**
 * Reads a pandas DataFrame that {@code DataFrame.to_hdf} wrote through PyTables, in either layout:
 * <ul>
 *   <li>"fixed" ({@code pandas_type = 'frame'}): {@code axis0} holds the column names, {@code axis1}
 *   the index, and each dtype block {@code blockN_items} / {@code blockN_values} its names and a
 *   rows x items array ({@code transposed = 1});</li>
 *   <li>"table" ({@code pandas_type = 'frame_table'}): a compound dataset {@code table} with an
 *   {@code index} field and fields {@code values_block_N} (rows x items) or one field per data column,
 *   whose names are the pickled lists in the table's {@code <field>_kind} attributes.</li>
 * </ul>
 * Layouts as written by pandas.io.pytables (pandas 1.5: FrameFixed.write / AppendableFrameTable.write).
 * Non-numeric blocks (object dtype text) are skipped and noted; MultiIndex columns are refused.
 */
final class PandasHdf5Reader {

    /** Values read per slice of a fixed-layout block, to bound the temporary row arrays jhdf returns. */
    static final int SLICE_VALUES = 1 << 20;

    private PandasHdf5Reader() {
    }

    /** True if the group carries the attribute pandas puts on every stored object. */
    static boolean isPandasGroup(Group g) {
        return g.getAttributes().containsKey("pandas_type");
    }

    static OmniFoldTable read(Group g, String source) {
        return read(g, source, SLICE_VALUES);
    }

    /** @param sliceValues values per slice when reading fixed-layout blocks (tests use tiny slices) */
    static OmniFoldTable read(Group g, String source, int sliceValues) {
        String path = g.getPath();
        String where = source + ": " + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        String type = stringAttribute(g, "pandas_type", where);
        return switch (type) {
            case "frame" -> readFixed(g, source, where, sliceValues);
            case "frame_table" -> readTable(g, source, where);
            case "series", "series_table", "sparse_series", "sparse_frame" -> throw new InputException(where
                    + " holds a pandas " + type + ", expected a DataFrame (pandas_type 'frame' or 'frame_table')");
            default -> throw new InputException(where + " has pandas_type '" + type
                    + "', expected a DataFrame (pandas_type 'frame' or 'frame_table')");
        };
    }

    // ---- fixed layout ----

    private static OmniFoldTable readFixed(Group g, String source, String where, int sliceValues) {
        long ndim = longAttribute(g, "ndim", where, 2);
        if (ndim != 2) {
            throw new InputException(where + " has ndim " + ndim + ", expected a two-dimensional DataFrame");
        }
        if (g.getChild("axis0_label0") != null || g.getChild("axis0") == null) {
            throw new InputException(where + " has MultiIndex columns (or no axis0); expected one level of column names");
        }
        String[] names = strings(dataset(g, "axis0", where), where + "/axis0");
        Dataset axis1 = dataset(g, "axis1", where);
        int rows = (int) axis1.getDimensionsAsLong()[0];
        long nblocks = longAttribute(g, "nblocks", where, -1);
        if (nblocks < 0) {
            throw new InputException(where + " has no 'nblocks' attribute; not a pandas fixed-format DataFrame");
        }
        Map<String, float[]> byName = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (int b = 0; b < nblocks; b++) {
            String itemsName = "block" + b + "_items";
            String valuesName = "block" + b + "_values";
            String[] items = strings(dataset(g, itemsName, where), where + "/" + itemsName);
            Dataset values = dataset(g, valuesName, where);
            if (!isNumericType(values)) {
                notes.add("skipped text/object columns " + Arrays.toString(items) + " (" + valuesName + ")");
                continue;
            }
            float[][] cols = readBlock(values, items.length, rows, where + "/" + valuesName, sliceValues);
            for (int c = 0; c < items.length; c++) {
                byName.put(items[c], cols[c]);
            }
        }
        LinkedHashMap<String, float[]> ordered = new LinkedHashMap<>();
        for (String name : names) {
            float[] v = byName.get(name);
            if (v != null) {
                ordered.put(name, v);
            } else if (notes.stream().noneMatch(n -> n.contains(name))) {
                throw new InputException(where + ": column '" + name + "' is named in axis0 but in no block");
            }
        }
        return new OmniFoldTable(source, rows, ordered, notes);
    }

    /** Reads a block as per-item float32 columns, slice by slice of rows. */
    private static float[][] readBlock(Dataset values, int items, int rows, String where, int sliceValues) {
        int[] dims = values.getDimensions();
        boolean rowsByItems;
        if (dims.length == 2 && dims[0] == rows && dims[1] == items) {
            rowsByItems = true;
        } else if (dims.length == 2 && dims[0] == items && dims[1] == rows) {
            rowsByItems = false;
        } else if (dims.length == 1 && items == 1 && dims[0] == rows) {
            return new float[][] {NumericColumns.toFloat(values.getData(), where, where)};
        } else {
            throw new InputException(where + " has shape " + Arrays.toString(dims) + ", expected [" + rows + ", "
                    + items + "] (rows x items)");
        }
        float[][] cols = new float[items][rows];
        if (!rowsByItems) {
            Object data = values.getData();
            for (int c = 0; c < items; c++) {
                NumericColumns.copyInto(java.lang.reflect.Array.get(data, c), cols[c], 0, where, where);
            }
            return cols;
        }
        int step = Math.max(1, sliceValues / Math.max(1, items));
        for (int r0 = 0; r0 < rows; r0 += step) {
            int n = Math.min(step, rows - r0);
            Object slice = n == rows ? values.getData() : values.getData(new long[] {r0, 0}, new int[] {n, items});
            NumericColumns.scatterRows(slice, cols, r0, where, where);
        }
        return cols;
    }

    // ---- table layout ----

    private static OmniFoldTable readTable(Group g, String source, String where) {
        Node node = g.getChild("table");
        if (!(node instanceof Dataset table) || !table.isCompound()) {
            throw new InputException(where + " is a pandas table but has no compound dataset 'table'");
        }
        String tableWhere = where + "/table";
        List<String> order = new ArrayList<>();
        Attribute axes = g.getAttribute("non_index_axes");
        if (axes != null && axes.getData() instanceof String s) {
            order = columnOrder(s, where);
        }
        Object data = table.getData();
        if (!(data instanceof Map<?, ?> fields)) {
            throw new InputException(tableWhere + " could not be read as a compound table");
        }
        int rows = (int) table.getDimensionsAsLong()[0];
        Map<String, float[]> byName = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<?, ?> f : fields.entrySet()) {
            String field = String.valueOf(f.getKey());
            if (field.equals("index")) {
                continue;
            }
            Attribute kind = table.getAttribute(field + "_kind");
            List<String> items;
            if (kind != null && kind.getData() instanceof String s) {
                try {
                    items = PickleProtocol0.stringList(s);
                } catch (IllegalArgumentException e) {
                    throw new InputException(tableWhere + ": attribute '" + field + "_kind' does not list column names ("
                            + e.getMessage() + ")");
                }
            } else if (!field.startsWith("values_block_")) {
                items = List.of(field);
            } else {
                throw new InputException(tableWhere + ": field '" + field + "' has no '" + field
                        + "_kind' attribute naming its columns");
            }
            Object value = f.getValue();
            if (NumericColumns.isNumeric1d(value)) {
                if (items.size() != 1) {
                    throw new InputException(tableWhere + ": field '" + field + "' holds one column but '" + field
                            + "_kind' names " + items.size());
                }
                byName.put(items.get(0), NumericColumns.toFloat(value, tableWhere, field));
            } else if (value != null && value.getClass().isArray()
                    && NumericColumns.isNumeric1d(java.lang.reflect.Array.getLength(value) > 0
                        ? java.lang.reflect.Array.get(value, 0) : new float[0])) {
                float[][] cols = new float[items.size()][rows];
                NumericColumns.scatterRows(value, cols, 0, tableWhere, field);
                for (int c = 0; c < items.size(); c++) {
                    byName.put(items.get(c), cols[c]);
                }
            } else {
                notes.add("skipped non-numeric columns " + items + " (" + field + ")");
            }
        }
        LinkedHashMap<String, float[]> ordered = new LinkedHashMap<>();
        for (String name : order) {
            float[] v = byName.remove(name);
            if (v != null) {
                ordered.put(name, v);
            }
        }
        ordered.putAll(byName);
        return new OmniFoldTable(source, rows, ordered, notes);
    }

    /** The column names in {@code non_index_axes = [(1, [names...])]}. */
    private static List<String> columnOrder(String pickle, String where) {
        try {
            Object o = PickleProtocol0.parse(pickle);
            if (o instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof List<?> axis && axis.size() == 2
                    && axis.get(1) instanceof List<?> names) {
                List<String> out = new ArrayList<>();
                for (Object n : names) {
                    if (n instanceof List<?>) {
                        throw new InputException(where + " has MultiIndex columns; expected one level of column names");
                    }
                    out.add(String.valueOf(n));
                }
                return out;
            }
            throw new InputException(where + ": attribute 'non_index_axes' is not [(axis, [names])]");
        } catch (IllegalArgumentException e) {
            throw new InputException(where + ": attribute 'non_index_axes' cannot be decoded (" + e.getMessage() + ")");
        }
    }

    // ---- helpers ----

    private static boolean isNumericType(Dataset ds) {
        Class<?> t = ds.getJavaType();
        return t.isPrimitive() && t != char.class;
    }

    private static Dataset dataset(Group g, String name, String where) {
        Node n = g.getChild(name);
        if (n instanceof Dataset ds) {
            return ds;
        }
        throw new InputException(where + " has no dataset '" + name + "'; not a complete pandas DataFrame");
    }

    private static String[] strings(Dataset ds, String where) {
        Object data = ds.getData();
        if (data instanceof String[] s) {
            String[] out = new String[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = s[i].trim();
            }
            return out;
        }
        throw new InputException(where + " holds " + NumericColumns.describe(data)
                + ", expected column names as text (non-text column labels are not supported)");
    }

    private static String stringAttribute(Group g, String name, String where) {
        Attribute a = g.getAttribute(name);
        if (a == null || !(a.getData() instanceof String s)) {
            throw new InputException(where + " has no text attribute '" + name + "'");
        }
        return s;
    }

    private static long longAttribute(Group g, String name, String where, long fallback) {
        Attribute a = g.getAttribute(name);
        if (a == null) {
            return fallback;
        }
        Object d = a.getData();
        if (d instanceof Number num) {
            return num.longValue();
        }
        throw new InputException(where + ": attribute '" + name + "' is " + NumericColumns.describe(d) + ", expected a number");
    }
}
