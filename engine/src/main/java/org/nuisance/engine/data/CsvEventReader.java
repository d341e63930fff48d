package org.nuisance.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads comma-separated events with a header line: the HiggsML 2014 release and FAIR Universe columns
 * written as CSV. A column is text if its first row does not parse as a number. Errors name the file,
 * the row (1 = the header) and the column.
 */
public final class CsvEventReader {

    private static final Set<String> ALWAYS_TEXT = Set.of("detailed_labels", "Label", "KaggleSet", "process");

    private CsvEventReader() {
    }

    public static EventTable read(Path file) {
        String source = file.getFileName().toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null || headerLine.isBlank()) {
                throw new InputException(source + ": the file is empty, expected a header line of column names");
            }
            if (headerLine.startsWith("\uFEFF")) {
                headerLine = headerLine.substring(1);
            }
            String[] header = split(headerLine, -1);
            if (header.length == 1) {
                for (String sep : new String[] {";", "\t", "|"}) {
                    if (headerLine.contains(sep)) {
                        throw new InputException(source + ": row 1 is one column '" + abbreviate(headerLine)
                                + "'; the file seems separated by '" + (sep.equals("\t") ? "tab" : sep)
                                + "', expected commas");
                    }
                }
            }
            for (int c = 0; c < header.length; c++) {
                header[c] = header[c].trim();
                if (header[c].isEmpty()) {
                    throw new InputException(source + ": row 1: column " + (c + 1) + " has an empty name");
                }
            }
            int ncol = header.length;
            boolean[] text = new boolean[ncol];
            float[][] num = new float[ncol][];
            String[][] str = new String[ncol][];
            // bounded by the width: 100k columns must not preallocate 16k floats each
            int capacity = (int) Math.max(16, Math.min(1 << 14, (1 << 22) / Math.max(1, ncol)));
            int rows = 0;
            String line;
            int lineNo = 1;
            String[] fields = new String[ncol];
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                int got = splitInto(line, fields);
                if (got != ncol) {
                    throw new InputException(source + ": row " + lineNo + " has " + got + " fields, the header has " + ncol);
                }
                if (rows == 0) {
                    for (int c = 0; c < ncol; c++) {
                        text[c] = ALWAYS_TEXT.contains(header[c]) || !isNumber(fields[c]);
                        if (text[c]) {
                            str[c] = new String[capacity];
                        } else {
                            num[c] = new float[capacity];
                        }
                    }
                }
                if (rows == capacity) {
                    if (capacity >= InputChecks.MAX_ELEMENTS / 2) {
                        throw new InputException(source + ": more than " + capacity + " rows; split the file");
                    }
                    InputChecks.requireMemory(source + ": row " + lineNo, 2L * capacity * ncol, 4, 2);
                    capacity *= 2;
                    for (int c = 0; c < ncol; c++) {
                        if (text[c]) {
                            str[c] = Arrays.copyOf(str[c], capacity);
                        } else {
                            num[c] = Arrays.copyOf(num[c], capacity);
                        }
                    }
                }
                for (int c = 0; c < ncol; c++) {
                    if (text[c]) {
                        str[c][rows] = fields[c].intern();
                    } else {
                        num[c][rows] = parse(fields[c], source, lineNo, header[c]);
                    }
                }
                rows++;
            }
            if (rows == 0) {
                throw new InputException(source + ": no event rows after the header");
            }
            TableAssembler assembler = new TableAssembler(source);
            for (int c = 0; c < ncol; c++) {
                if (text[c]) {
                    assembler.addStrings(header[c], Arrays.copyOf(str[c], rows));
                } else {
                    assembler.addNumeric(header[c], Arrays.copyOf(num[c], rows));
                }
            }
            return assembler.build();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException(source + ": is not UTF-8 text (a byte sequence that is not UTF-8); save it as UTF-8", e);
        } catch (IOException e) {
            throw new InputException(source + ": cannot be read (" + Hdf5EventReader.oneLine(e) + ")", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static float parse(String field, String source, int lineNo, String column) {
        String s = field.trim();
        float v;
        try {
            v = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            if (s.equalsIgnoreCase("nan")) {
                v = Float.NaN;
            } else {
                throw new InputException(source + ": row " + lineNo + ", column " + column + ": '" + abbreviate(s)
                        + "' is not a number");
            }
        }
        if (!Float.isFinite(v)) {
            // NaN, Infinity, and overflow (1e39, 400 digits) which parse as infinity in float32
            throw new InputException(source + ": row " + lineNo + ", column " + column + ": '" + abbreviate(s)
                    + "' is not a finite float32 number");
        }
        return v;
    }

    private static boolean isNumber(String s) {
        try {
            Float.parseFloat(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return s.trim().equalsIgnoreCase("nan");
        }
    }

    private static String[] split(String line, int expected) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }

    /** Splits into the reusable array; returns the number of fields found (may exceed its length). */
    private static int splitInto(String line, String[] fields) {
        if (line.indexOf('"') >= 0) {
            String[] parts = split(line, fields.length);
            System.arraycopy(parts, 0, fields, 0, Math.min(parts.length, fields.length));
            return parts.length;
        }
        int n = 0;
        int start = 0;
        int len = line.length();
        for (int i = 0; i <= len; i++) {
            if (i == len || line.charAt(i) == ',') {
                if (n < fields.length) {
                    fields[n] = line.substring(start, i);
                }
                n++;
                start = i + 1;
            }
        }
        return n;
    }
}
