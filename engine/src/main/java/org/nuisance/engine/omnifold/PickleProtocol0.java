package org.nuisance.engine.omnifold;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the small pickles PyTables stores in HDF5 attributes that are Python objects, such as
 * pandas' {@code values_block_0_kind = ['pT_ll', 'y_ll']} or {@code non_index_axes = [(1, [...])]}.
 * PyTables writes them with pickle protocol 0 (text opcodes), so this reads exactly that subset:
 * lists, tuples, dicts, strings, integers, floats, booleans and None; nothing is ever executed.
 * Opcodes as in CPython's Lib/pickle.py. Tuples come back as Lists.
 */
final class PickleProtocol0 {

    private static final Object MARK = new Object();

    private PickleProtocol0() {
    }

    /** @throws IllegalArgumentException if the text is not a protocol-0 pickle of plain data */
    static Object parse(String text) {
        List<Object> stack = new ArrayList<>();
        Map<Integer, Object> memo = new HashMap<>();
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            char op = text.charAt(pos++);
            switch (op) {
                case '(' -> stack.add(MARK);
                case 'l', 't' -> {
                    int m = lastMark(stack);
                    List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
                    truncate(stack, m);
                    stack.add(items);
                }
                case 'd' -> {
                    int m = lastMark(stack);
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int i = m + 1; i + 1 < stack.size(); i += 2) {
                        map.put(stack.get(i), stack.get(i + 1));
                    }
                    truncate(stack, m);
                    stack.add(map);
                }
                case ']', ')' -> stack.add(new ArrayList<>());
                case '}' -> stack.add(new LinkedHashMap<>());
                case 'N' -> stack.add(null);
                case 'p' -> {
                    int end = lineEnd(text, pos);
                    memo.put(Integer.parseInt(text.substring(pos, end)), top(stack));
                    pos = end + 1;
                }
                case 'g' -> {
                    int end = lineEnd(text, pos);
                    stack.add(memo.get(Integer.parseInt(text.substring(pos, end))));
                    pos = end + 1;
                }
                case 'I', 'L' -> {
                    int end = lineEnd(text, pos);
                    String s = text.substring(pos, end);
                    pos = end + 1;
                    if (s.equals("00")) {
                        stack.add(Boolean.FALSE);
                    } else if (s.equals("01")) {
                        stack.add(Boolean.TRUE);
                    } else {
                        stack.add(Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s));
                    }
                }
                case 'F' -> {
                    int end = lineEnd(text, pos);
                    stack.add(Double.parseDouble(text.substring(pos, end)));
                    pos = end + 1;
                }
                case 'V' -> {
                    int end = lineEnd(text, pos);
                    stack.add(rawUnicodeEscape(text.substring(pos, end)));
                    pos = end + 1;
                }
                case 'S' -> {
                    int end = lineEnd(text, pos);
                    stack.add(pythonStringLiteral(text.substring(pos, end)));
                    pos = end + 1;
                }
                case 'a' -> {
                    Object v = pop(stack);
                    listOnTop(stack).add(v);
                }
                case 'e' -> {
                    int m = lastMark(stack);
                    List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
                    truncate(stack, m);
                    listOnTop(stack).addAll(items);
                }
                case 's' -> {
                    Object v = pop(stack);
                    Object k = pop(stack);
                    mapOnTop(stack).put(k, v);
                }
                case 'u' -> {
                    int m = lastMark(stack);
                    List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
                    truncate(stack, m);
                    Map<Object, Object> map = mapOnTop(stack);
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        map.put(items.get(i), items.get(i + 1));
                    }
                }
                case '0' -> pop(stack);
                case '2' -> stack.add(top(stack));
                case '.' -> {
                    if (stack.size() != 1) {
                        throw new IllegalArgumentException("pickle ends with " + stack.size() + " values on the stack");
                    }
                    return stack.get(0);
                }
                case '\n', '\r' -> { }
                default -> throw new IllegalArgumentException("unsupported pickle opcode '"
                        + (op < 0x20 || op > 0x7e ? String.format("\\x%02x", (int) op) : String.valueOf(op))
                        + "' at " + (pos - 1) + (op == '\u0080' ? " (binary pickle protocol; expected protocol 0)" : ""));
            }
        }
        throw new IllegalArgumentException("pickle has no STOP opcode");
    }

    /** The list of strings a pickle holds, e.g. a pandas block's column names. */
    static List<String> stringList(String text) {
        Object o = parse(text);
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("expected a list, found " + describe(o));
        }
        List<String> out = new ArrayList<>();
        for (Object e : l) {
            if (!(e instanceof String s)) {
                throw new IllegalArgumentException("expected a list of strings, found an element " + describe(e));
            }
            out.add(s);
        }
        return out;
    }

    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof List<?>) {
            return "a list";
        }
        if (o instanceof Map<?, ?>) {
            return "a dict";
        }
        return o.getClass().getSimpleName() + " " + o;
    }

    private static int lineEnd(String text, int pos) {
        int end = text.indexOf('\n', pos);
        if (end < 0) {
            throw new IllegalArgumentException("pickle line at " + pos + " has no end");
        }
        return end;
    }

    private static int lastMark(List<Object> stack) {
        for (int i = stack.size() - 1; i >= 0; i--) {
            if (stack.get(i) == MARK) {
                return i;
            }
        }
        throw new IllegalArgumentException("pickle has no MARK for a collection");
    }

    private static void truncate(List<Object> stack, int size) {
        while (stack.size() > size) {
            stack.remove(stack.size() - 1);
        }
    }

    private static Object top(List<Object> stack) {
        if (stack.isEmpty()) {
            throw new IllegalArgumentException("pickle stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private static Object pop(List<Object> stack) {
        Object o = top(stack);
        stack.remove(stack.size() - 1);
        return o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOnTop(List<Object> stack) {
        if (top(stack) instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IllegalArgumentException("pickle APPEND without a list");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> mapOnTop(List<Object> stack) {
        if (top(stack) instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new IllegalArgumentException("pickle SETITEM without a dict");
    }

    /** Python's raw-unicode-escape: only \\uXXXX and \\UXXXXXXXX are escapes. */
    private static String rawUnicodeEscape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 5 < s.length() && s.charAt(i + 1) == 'u') {
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\' && i + 9 < s.length() && s.charAt(i + 1) == 'U') {
                b.appendCodePoint(Integer.parseInt(s.substring(i + 2, i + 10), 16));
                i += 9;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A Python 2 str repr such as 'pT_ll' with backslash escapes (pandas files written under Python 2). */
    private static String pythonStringLiteral(String s) {
        if (s.length() < 2 || (s.charAt(0) != '\'' && s.charAt(0) != '"') || s.charAt(s.length() - 1) != s.charAt(0)) {
            throw new IllegalArgumentException("malformed pickled string " + s);
        }
        String body = s.substring(1, s.length() - 1);
        StringBuilder b = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                b.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'x' -> {
                    b.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> b.append(e);
            }
        }
        return b.toString();
    }
}
