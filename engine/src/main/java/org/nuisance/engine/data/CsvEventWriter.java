package org.nuisance.engine.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.nuisance.engine.util.AtomicOutput;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an event table as CSV: a header of column names in the table's order, one row per event.
 * Atomic ({@link AtomicOutput}): the file appears complete or not at all.
 */
public final class CsvEventWriter {

    private CsvEventWriter() {
    }

    public static void write(EventTable table, Path file) throws IOException {
        List<String> order = table.columnOrder();
        int ncol = order.size();
        float[][] num = new float[ncol][];
        EventTable.Categorical[] cat = new EventTable.Categorical[ncol];
        for (int c = 0; c < ncol; c++) {
            if (table.isCategorical(order.get(c))) {
                cat[c] = table.categorical(order.get(c));
            } else {
                num[c] = table.column(order.get(c));
            }
        }
        AtomicOutput.write(file, "--output", stream -> writeRows(table, order, num, cat, stream));
    }

    private static void writeRows(EventTable table, List<String> order, float[][] num, EventTable.Categorical[] cat,
                                  java.io.OutputStream stream) throws IOException {
        int ncol = order.size();
        try (BufferedWriter out = new BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8),
                1 << 16)) {
            out.write(String.join(",", order));
            out.newLine();
            StringBuilder line = new StringBuilder(512);
            for (int r = 0; r < table.rows(); r++) {
                line.setLength(0);
                for (int c = 0; c < ncol; c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    if (cat[c] != null) {
                        line.append(cat[c].value(r));
                    } else {
                        appendFloat(line, num[c][r]);
                    }
                }
                out.write(line.toString());
                out.newLine();
            }
        }
    }

    /** Shortest decimal that reads back as the same float32, without exponent for ordinary magnitudes. */
    static void appendFloat(StringBuilder sb, float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7f && Float.floatToRawIntBits(v) != Float.floatToRawIntBits(-0f)) {
            sb.append((long) v);
            return;
        }
        String s = Float.toString(v);
        sb.append(s);
    }
}
