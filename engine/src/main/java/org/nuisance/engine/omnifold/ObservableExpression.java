package org.nuisance.engine.omnifold;

import java.util.LinkedHashSet;
import java.util.Set;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.util.Parallel;

/**
 * An observable, or an arithmetic expression of observables such as {@code pT_l1/pT_ll} or
 * {@code sqrt(pT_l1*pT_l2)}: numbers, column names (letters, digits, '_' and '.'; any other name in
 * backticks), + - * / ^, parentheses, and the functions abs, sqrt, log, exp, sin, cos, tanh, min, max.
 * Evaluated per event in double precision into one new float32 column; NaN propagates (a NaN value
 * lands in the overflow, which no band uses).
 */
public final class ObservableExpression {

    private final String text;
    private final Node root;
    private final Set<String> columns;

    private ObservableExpression(String text, Node root, Set<String> columns) {
        this.text = text;
        this.root = root;
        this.columns = columns;
    }

    /** @throws IllegalArgumentException with the position of the first problem */
    public static ObservableExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty observable expression");
        }
        Parser p = new Parser(text);
        Node root = p.expression();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw new IllegalArgumentException("observable '" + text + "': unexpected '" + text.charAt(p.pos)
                    + "' at position " + (p.pos + 1));
        }
        return new ObservableExpression(text, root, p.columns);
    }

    public String text() {
        return text;
    }

    /** The column names the expression reads. */
    public Set<String> columns() {
        return columns;
    }

    /** True if the expression is one bare column name (no evaluation needed). */
    public boolean isColumn() {
        return root instanceof Column;
    }

    /** The expression's value for every event; a bare column is returned as is, not copied. */
    public float[] evaluate(OmniFoldTable table) {
        for (String c : columns) {
            if (!table.hasColumn(c)) {
                throw new InputException(table.source() + ": observable '" + text + "' uses column '" + c
                        + "', which the file does not have");
            }
        }
        if (root instanceof Column c) {
            return table.column(c.name);
        }
        Node bound = root.bind(table);
        float[] out = new float[table.rows()];
        Parallel.forEachChunk(out.length, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = (float) bound.at(i);
            }
        });
        requireDefined(table, out);
        return out;
    }

    /**
     * An expression that is undefined where its inputs are finite (1/0, log(-1), sqrt(-x)) is an input
     * error naming the event; NaN inputs still propagate as documented.
     */
    private void requireDefined(OmniFoldTable table, float[] out) {
        for (int i = 0; i < out.length; i++) {
            if (Float.isFinite(out[i])) {
                continue;
            }
            boolean inputsFinite = true;
            for (String c : columns) {
                inputsFinite &= Float.isFinite(table.column(c)[i]);
            }
            if (inputsFinite) {
                throw new InputException(table.source() + ": observable '" + text + "' is " + out[i] + " at event "
                        + (i + 1) + " where its inputs are finite (division by zero, log or sqrt of a negative?)");
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }

    /** A node of the expression tree; {@link #bind} resolves column names to arrays once per table. */
    private interface Node {
        double at(int i);

        Node bind(OmniFoldTable table);
    }

    private record Constant(double value) implements Node {
        public double at(int i) {
            return value;
        }

        public Node bind(OmniFoldTable t) {
            return this;
        }
    }

    private record Column(String name) implements Node {
        public double at(int i) {
            throw new IllegalStateException("unbound column " + name);
        }

        public Node bind(OmniFoldTable t) {
            return new Bound(t.column(name));
        }
    }

    private record Bound(float[] values) implements Node {
        public double at(int i) {
            return values[i];
        }

        public Node bind(OmniFoldTable t) {
            return this;
        }
    }

    private record Binary(char op, Node a, Node b) implements Node {
        public double at(int i) {
            double x = a.at(i);
            double y = b.at(i);
            return switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                case '/' -> x / y;
                case '^' -> Math.pow(x, y);
                case 'm' -> Math.min(x, y);
                case 'M' -> Math.max(x, y);
                default -> throw new IllegalStateException("operator " + op);
            };
        }

        public Node bind(OmniFoldTable t) {
            return new Binary(op, a.bind(t), b.bind(t));
        }
    }

    private record Unary(String fn, Node a) implements Node {
        public double at(int i) {
            double x = a.at(i);
            return switch (fn) {
                case "neg" -> -x;
                case "abs" -> Math.abs(x);
                case "sqrt" -> Math.sqrt(x);
                case "log" -> Math.log(x);
                case "exp" -> Math.exp(x);
                case "sin" -> Math.sin(x);
                case "cos" -> Math.cos(x);
                case "tanh" -> Math.tanh(x);
                default -> throw new IllegalStateException("function " + fn);
            };
        }

        public Node bind(OmniFoldTable t) {
            return new Unary(fn, a.bind(t));
        }
    }

    /** Recursive descent: expr = term {(+|-) term}; term = unary {(*|/) unary}; unary = [-|+] power; power = atom [^ unary]. */
    private static final class Parser {
        private static final Set<String> UNARY = Set.of("abs", "sqrt", "log", "exp", "sin", "cos", "tanh");
        private static final Set<String> BINARY = Set.of("min", "max");

        private final String s;
        private int pos;
        private final Set<String> columns = new LinkedHashSet<>();

        Parser(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(char c) {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("observable '" + s + "': " + what + " at position " + (pos + 1));
        }

        Node expression() {
            Node n = term();
            while (true) {
                if (eat('+')) {
                    n = new Binary('+', n, term());
                } else if (eat('-')) {
                    n = new Binary('-', n, term());
                } else {
                    return n;
                }
            }
        }

        Node term() {
            Node n = unary();
            while (true) {
                if (eat('*')) {
                    n = new Binary('*', n, unary());
                } else if (eat('/')) {
                    n = new Binary('/', n, unary());
                } else {
                    return n;
                }
            }
        }

        Node unary() {
            if (eat('-')) {
                return new Unary("neg", unary());
            }
            if (eat('+')) {
                return unary();
            }
            Node base = atom();
            if (eat('^')) {
                return new Binary('^', base, unary());
            }
            return base;
        }

        Node atom() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("expected a number, column or '('");
            }
            char c = s.charAt(pos);
            if (c == '(') {
                pos++;
                Node n = expression();
                if (!eat(')')) {
                    throw error("expected ')'");
                }
                return n;
            }
            if (Character.isDigit(c) || c == '.') {
                int start = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                    int save = pos++;
                    if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                        pos++;
                    }
                    if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                            pos++;
                        }
                    } else {
                        pos = save;
                    }
                }
                try {
                    return new Constant(Double.parseDouble(s.substring(start, pos)));
                } catch (NumberFormatException e) {
                    pos = start;
                    throw error("malformed number");
                }
            }
            if (c == '`') {
                int end = s.indexOf('`', pos + 1);
                if (end < 0) {
                    throw error("unclosed '`'");
                }
                String name = s.substring(pos + 1, end);
                pos = end + 1;
                columns.add(name);
                return new Column(name);
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                        || s.charAt(pos) == '.')) {
                    pos++;
                }
                String name = s.substring(start, pos);
                int afterName = pos;
                if (eat('(')) {
                    if (UNARY.contains(name)) {
                        Node arg = expression();
                        if (!eat(')')) {
                            throw error("expected ')' after the argument of " + name);
                        }
                        return new Unary(name, arg);
                    }
                    if (BINARY.contains(name)) {
                        Node a = expression();
                        if (!eat(',')) {
                            throw error(name + " takes two arguments");
                        }
                        Node b = expression();
                        if (!eat(')')) {
                            throw error("expected ')' after the arguments of " + name);
                        }
                        return new Binary(name.equals("min") ? 'm' : 'M', a, b);
                    }
                    pos = start;
                    throw error("unknown function '" + name + "' (known: abs, sqrt, log, exp, sin, cos, tanh, min, max)");
                }
                pos = afterName;
                columns.add(name);
                return new Column(name);
            }
            throw error("unexpected '" + c + "'");
        }
    }
}
