package org.nuisance.engine.higgsml;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nuisance.engine.data.EventTable;

/**
 * Columns computed from the other columns of shifted events (a classifier's score, say), as an immutable
 * set handed to each {@link ShiftKernel}: the kernel applies the shifts to every event and gives the
 * shifted table to the column's function, so the column moves with the nuisance parameters as a DER
 * column does. Each owner (the coverage command, a window with a trained model) makes its own set; no
 * kernel sees another's columns.
 */
public final class ComputedColumns {

    /** The function of a computed column. Need not be thread-safe unless added as thread-safe. */
    @FunctionalInterface
    public interface Function {
        float[] compute(EventTable shiftedEvents);
    }

    /** One computed column: its function, whether it reads the MET, whether calls may run concurrently. */
    public record Column(Function f, boolean dependsOnMet, boolean threadSafe) {
    }

    private static final ComputedColumns NONE = new ComputedColumns(Map.of());

    private final Map<String, Column> columns;

    private ComputedColumns(Map<String, Column> columns) {
        this.columns = columns;
    }

    /** The empty set: every column is a stored, PRI or DER column. */
    public static ComputedColumns none() {
        return NONE;
    }

    /**
     * This set and the named column computed by f (replacing one of that name, and a stored column).
     *
     * @param inputs     the columns f reads: whether any depends on the MET decides whether soft_met moves it
     * @param threadSafe kernels on different threads may call f at once (a trained classifier's inference,
     *                   which reads its parameters only), so fills of it spread over every core; otherwise
     *                   calls are serialised on f
     */
    public ComputedColumns with(String name, Function f, Collection<String> inputs, boolean threadSafe) {
        boolean met = false;
        for (String c : inputs) {
            met |= ShiftKernel.dependsOnMet(c);
        }
        Map<String, Column> next = new LinkedHashMap<>(columns);
        next.put(name, new Column(f, met, threadSafe));
        return new ComputedColumns(Map.copyOf(next));
    }

    /** As {@link #with(String, Function, Collection, boolean)}, not thread-safe. */
    public ComputedColumns with(String name, Function f, Collection<String> inputs) {
        return with(name, f, inputs, false);
    }

    /** The column of that name, or null. */
    public Column get(String name) {
        return columns.get(name);
    }

    public boolean contains(String name) {
        return columns.containsKey(name);
    }

    public Set<String> names() {
        return columns.keySet();
    }

    /** Whether name is a computed column whose function may run on several threads at once. */
    public boolean isThreadSafe(String name) {
        Column c = columns.get(name);
        return c != null && c.threadSafe();
    }

    /** Whether a column's shifted values depend on the MET (and so on soft_met): computed or not. */
    public boolean dependsOnMet(String name) {
        Column c = columns.get(name);
        return c != null ? c.dependsOnMet() : ShiftKernel.dependsOnMet(name);
    }

    /** Whether a column is moved by the shape parameters: a computed, PRI or DER column. */
    public boolean isShifted(String name) {
        return columns.containsKey(name) || ShiftKernel.isShifted(name);
    }
}
