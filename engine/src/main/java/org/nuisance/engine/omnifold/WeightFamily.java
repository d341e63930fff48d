package org.nuisance.engine.omnifold;

import java.util.List;
import java.util.Objects;

/**
 * A named group of weight columns combined one way into one uncertainty band: the 25 data
 * bootstraps (std), the ensemble (median standard error), the muon-calibration systematics
 * (difference), the data-driven pair (paired relative difference: [weights, target]).
 */
public record WeightFamily(String name, Combination combination, List<String> columns) {

    public WeightFamily {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(combination, "combination");
        columns = List.copyOf(columns);
        String problem = problem(combination, columns.size());
        if (problem != null) {
            throw new IllegalArgumentException("weight family '" + name + "': " + problem);
        }
    }

    /** Why a combination cannot use that many columns, or null if it can. */
    static String problem(Combination combination, int size) {
        return switch (combination) {
            case STD, MEDIAN_STANDARD_ERROR -> size < 2 ? combination.key() + " needs at least 2 columns, got " + size : null;
            case DIFFERENCE -> size < 1 ? "difference needs at least 1 column" : null;
            case PAIRED_RELATIVE_DIFFERENCE -> size != 2
                    ? "paired_relative_difference needs exactly 2 columns (weights, target), got " + size : null;
        };
    }
}
