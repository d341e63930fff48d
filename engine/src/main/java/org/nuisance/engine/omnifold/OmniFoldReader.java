package org.nuisance.engine.omnifold;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.InputException;

/**
 * Opens an unbinned unfolded result by content: a pandas DataFrame in HDF5 (fixed or table layout,
 * under key {@code df} or the file's only pandas object), plain HDF5 with one 1-D dataset per column,
 * Parquet, or CSV with a header. Every numeric column becomes float32; text columns are skipped with
 * a note. Anything else is refused with one line saying what was found.
 */
public final class OmniFoldReader {

    /** The key pandas' {@code to_hdf} examples and the ATLAS release use. */
    public static final String DEFAULT_KEY = "df";

    /** Root attribute of a plain HDF5 file listing its datasets in column order (HDF5 itself keeps name order). */
    public static final String COLUMNS_ATTRIBUTE = "columns";

    private OmniFoldReader() {
    }

    public static OmniFoldTable read(Path file) {
        return read(file, null);
    }

    /** @param key the pandas key (group) to read, or null for {@code df} / the only pandas object */
    public static OmniFoldTable read(Path file, String key) {
        String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        OmniFoldTable table = switch (EventReaders.detect(file)) {
            case HDF5 -> readHdf5(file, key, source);
            case PARQUET -> readDuckDb(file, "read_parquet(?)", source, "Parquet");
            case CSV -> readDuckDb(file, "read_csv(?, header = true)", source, "CSV");
            case ROOT -> throw new InputException(source + ": a ROOT file is not an OmniFold weights table (Parquet, CSV or HDF5)");
        };
        requireFinite(table);
        return table;
    }

    /**
     * Weights and kinematics are finite numbers in every format: NaN, ±Inf and values beyond float32
     * (a DOUBLE 1e300 narrowed to Inf) are an input error naming the file, the column and the row.
     */
    private static void requireFinite(OmniFoldTable table) {
        for (String c : table.columnNames()) {
            org.nuisance.engine.data.InputChecks.requireFinite(table.source(), c, table.column(c));
        }
    }

    private static OmniFoldTable readHdf5(Path file, String key, String source) {
        long length;
        try {
            length = java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw new InputException(source + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try (HdfFile hdf = new HdfFile(file)) {
            org.nuisance.engine.data.InputChecks.requireAllInFile(source, hdf, length);
            Map<String, Node> top = hdf.getChildren();
            List<String> pandasKeys = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            List<String> datasets = new ArrayList<>();
            for (Map.Entry<String, Node> e : top.entrySet()) {
                if (e.getValue() instanceof Group g) {
                    groups.add(e.getKey());
                    if (PandasHdf5Reader.isPandasGroup(g)) {
                        pandasKeys.add(e.getKey());
                    }
                } else if (e.getValue() instanceof Dataset) {
                    datasets.add(e.getKey());
                }
            }
            if (key != null) {
                Node n = top.get(key);
                if (n instanceof Group g && PandasHdf5Reader.isPandasGroup(g)) {
                    return PandasHdf5Reader.read(g, source);
                }
                throw new InputException(source + ": no pandas object under key '" + key + "'; pandas keys found: "
                        + (pandasKeys.isEmpty() ? "none" : String.join(", ", pandasKeys)));
            }
            if (!pandasKeys.isEmpty()) {
                String chosen = pandasKeys.contains(DEFAULT_KEY) ? DEFAULT_KEY : pandasKeys.size() == 1 ? pandasKeys.get(0) : null;
                if (chosen == null) {
                    throw new InputException(source + ": holds several pandas objects (" + String.join(", ", pandasKeys)
                            + ") and none is 'df'; name the key to read (--key)");
                }
                return PandasHdf5Reader.read((Group) top.get(chosen), source);
            }
            if (!groups.isEmpty() || datasets.isEmpty()) {
                throw new InputException(source + ": found " + describe(groups, "group") + " and "
                        + describe(datasets, "dataset") + " at the top level; expected a pandas DataFrame "
                        + "(a group with a 'pandas_type' attribute) or one 1-D dataset per column");
            }
            return readPlain(hdf, top, source);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException | InternalError e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("filter is not available")) {
                // PyTables' blosc/bzip2/lzo filters are not in jhdf; zlib (gzip) is
                throw new InputException(source + ": compressed with a filter this reader lacks (" + msg
                        + "); re-save with complib='zlib' or without compression", e);
            }
            throw new InputException(source + ": not a readable HDF5 file (" + msg + ")", e);
        }
    }

    private static OmniFoldTable readPlain(HdfFile hdf, Map<String, Node> top, String source) {
        LinkedHashMap<String, float[]> cols = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        int rows = -1;
        for (String name : columnOrder(hdf, top)) {
            Dataset ds = (Dataset) top.get(name);
            int[] dims = ds.getDimensions();
            if (dims.length != 1) {
                throw new InputException(source + ": dataset '" + name + "' has shape " + Arrays.toString(dims)
                        + ", expected one dimension (one dataset per column)");
            }
            if (rows >= 0 && dims[0] != rows) {
                throw new InputException(source + ": dataset '" + name + "' has " + dims[0] + " rows, expected " + rows);
            }
            rows = dims[0];
            Object data = ds.getData();
            if (NumericColumns.isNumeric1d(data)) {
                cols.put(name, NumericColumns.toFloat(data, source, name));
            } else {
                notes.add("skipped non-numeric dataset '" + name + "'");
            }
        }
        return new OmniFoldTable(source, Math.max(rows, 0), cols, notes);
    }

    /**
     * The file's column order: the root attribute {@value #COLUMNS_ATTRIBUTE} when it lists the
     * datasets (our writer sets it), else by name, as h5py lists a group without creation order.
     */
    private static List<String> columnOrder(HdfFile hdf, Map<String, Node> top) {
        io.jhdf.api.Attribute a = hdf.getAttribute(COLUMNS_ATTRIBUTE);
        if (a != null && a.getData() instanceof String[] names && names.length == top.size()
                && top.keySet().containsAll(Arrays.asList(names))) {
            return Arrays.asList(names);
        }
        List<String> sorted = new ArrayList<>(top.keySet());
        java.util.Collections.sort(sorted);
        return sorted;
    }

    private static String describe(List<String> names, String what) {
        if (names.isEmpty()) {
            return "no " + what + "s";
        }
        List<String> shown = names.size() > 5 ? names.subList(0, 5) : names;
        return names.size() + " " + what + (names.size() == 1 ? "" : "s") + " (" + String.join(", ", shown)
                + (names.size() > 5 ? ", ..." : "") + ")";
    }

    private static OmniFoldTable readDuckDb(Path file, String tableFunction, String source, String format) {
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:")) {
            String path = file.toAbsolutePath().toString();
            long rows;
            try (PreparedStatement count = conn.prepareStatement("SELECT count(*) FROM " + tableFunction)) {
                count.setString(1, path);
                try (ResultSet rs = count.executeQuery()) {
                    if (!rs.next() || rs.getMetaData().getColumnCount() < 1) {
                        throw new InputException(source + ": not a readable " + format + " file (no rows could be counted)");
                    }
                    rows = rs.getLong(1);
                }
            }
            if (rows > Integer.MAX_VALUE - 8) {
                throw new InputException(source + ": " + rows + " rows is more than one table can hold");
            }
            int n = (int) rows;
            try (PreparedStatement st = conn.prepareStatement("SELECT * FROM " + tableFunction)) {
                st.setString(1, path);
                try (ResultSet rs = st.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    int ncol = md.getColumnCount();
                    float[][] num = new float[ncol][];
                    List<String> notes = new ArrayList<>();
                    for (int c = 0; c < ncol; c++) {
                        if (isNumeric(md.getColumnType(c + 1))) {
                            num[c] = new float[n];
                        } else {
                            notes.add("skipped column '" + md.getColumnName(c + 1) + "' of type "
                                    + md.getColumnTypeName(c + 1));
                        }
                    }
                    int r = 0;
                    while (rs.next() && r < n) {
                        for (int c = 0; c < ncol; c++) {
                            if (num[c] != null) {
                                float v = rs.getFloat(c + 1);
                                if (rs.wasNull()) {
                                    throw new InputException(source + ": column " + md.getColumnName(c + 1) + ", row "
                                            + (r + 1) + " of the data: NULL (a missing value) where a number is needed");
                                }
                                num[c][r] = v;
                            }
                        }
                        r++;
                    }
                    LinkedHashMap<String, float[]> cols = new LinkedHashMap<>();
                    for (int c = 0; c < ncol; c++) {
                        if (num[c] != null) {
                            cols.put(md.getColumnName(c + 1), r == n ? num[c] : Arrays.copyOf(num[c], r));
                        }
                    }
                    return new OmniFoldTable(source, r, cols, notes);
                }
            }
        } catch (InputException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            // RuntimeException: the DuckDB driver fails on some damaged input with an index error (found by fuzzing)
            String msg = org.nuisance.engine.data.Hdf5EventReader.oneLine(e);
            throw new InputException(source + ": not a readable " + format + " file (" + msg + ")", e);
        }
    }

    private static boolean isNumeric(int type) {
        return switch (type) {
            case Types.FLOAT, Types.REAL, Types.DOUBLE, Types.INTEGER, Types.BIGINT, Types.SMALLINT,
                 Types.TINYINT, Types.BOOLEAN, Types.DECIMAL, Types.NUMERIC -> true;
            default -> false;
        };
    }
}
