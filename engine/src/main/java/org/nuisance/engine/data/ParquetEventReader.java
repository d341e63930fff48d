package org.nuisance.engine.data;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;

/** Reads Parquet files (the FAIR Universe release) through DuckDB's embedded engine. */
public final class ParquetEventReader {

    private ParquetEventReader() {
    }

    public static EventTable read(Path file) {
        String source = file.getFileName().toString();
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:")) {
            long rows;
            try (PreparedStatement count = conn.prepareStatement("SELECT count(*) FROM read_parquet(?)")) {
                count.setString(1, file.toAbsolutePath().toString());
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    rows = rs.getLong(1);
                }
            }
            if (rows > Integer.MAX_VALUE - 8) {
                throw new InputException(source + ": " + rows + " rows is more than one table can hold");
            }
            int n = (int) rows;
            if (n == 0) {
                throw new InputException(source + ": no event rows");
            }
            try (PreparedStatement st = conn.prepareStatement("SELECT * FROM read_parquet(?)")) {
                st.setString(1, file.toAbsolutePath().toString());
                try (ResultSet rs = st.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    int ncol = md.getColumnCount();
                    InputChecks.requireMemory(source + ": " + n + " rows x " + ncol + " columns", (long) n * ncol, 4, 2);
                    boolean[] text = new boolean[ncol];
                    float[][] num = new float[ncol][];
                    String[][] str = new String[ncol][];
                    for (int c = 0; c < ncol; c++) {
                        int type = md.getColumnType(c + 1);
                        text[c] = type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR;
                        if (!text[c] && !isNumeric(type)) {
                            throw new InputException(source + ": column '" + md.getColumnName(c + 1)
                                    + "' has type " + md.getColumnTypeName(c + 1) + ", expected numbers or text");
                        }
                        if (text[c]) {
                            str[c] = new String[n];
                        } else {
                            num[c] = new float[n];
                        }
                    }
                    int r = 0;
                    while (rs.next()) {
                        if (r == n) {
                            throw new InputException(source + ": more rows than the " + n + " the file declares");
                        }
                        for (int c = 0; c < ncol; c++) {
                            if (text[c]) {
                                String s = rs.getString(c + 1);
                                str[c][r] = s == null ? "" : s.intern();
                            } else {
                                double v = rs.getDouble(c + 1);
                                if (rs.wasNull() || !Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
                                    throw new InputException(source + ": column " + md.getColumnName(c + 1) + ", row "
                                            + (r + 1) + " of the data: " + (rs.wasNull() ? "NULL" : String.valueOf(v))
                                            + " is not a finite float32 number");
                                }
                                num[c][r] = (float) v;
                            }
                        }
                        r++;
                    }
                    TableAssembler assembler = new TableAssembler(source);
                    for (int c = 0; c < ncol; c++) {
                        String name = md.getColumnName(c + 1);
                        if (text[c]) {
                            assembler.addStrings(name, r == n ? str[c] : Arrays.copyOf(str[c], r));
                        } else {
                            assembler.addNumeric(name, r == n ? num[c] : Arrays.copyOf(num[c], r));
                        }
                    }
                    return assembler.build();
                }
            }
        } catch (SQLException e) {
            String msg = Hdf5EventReader.oneLine(e);
            throw new InputException(source + ": not a readable Parquet file (" + msg + ")", e);
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
