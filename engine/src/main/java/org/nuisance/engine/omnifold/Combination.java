package org.nuisance.engine.omnifold;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the histograms of a weight family become an uncertainty band and a covariance, following the
 * ATLAS Z+jets OmniFold recipe (arXiv:2405.20041; see shared/reference/OMNIFOLD.md). Names are those
 * of the omnifold-hepdata metadata proposal.
 */
public enum Combination {
    /** Replicas (bootstraps): band = sample standard deviation, covariance = sample covariance (N - 1). */
    STD("std"),
    /**
     * Network-initialisation ensemble: band = 1.253 * std / sqrt(N), the standard error of the median
     * for Gaussian spread; covariance = 1.253^2 * sample covariance / N, so its diagonal is the band squared.
     */
    MEDIAN_STANDARD_ERROR("median_standard_error"),
    /** Systematic variations: each shift h_k - h_nom; band = quadrature sum, covariance = sum of outer products. */
    DIFFERENCE("difference"),
    /**
     * A (weights, target) pair (data-driven non-closure): relative band |h_w - h_t| / h_t, applied to
     * the nominal; its signed shift enters the covariance as an outer product.
     */
    PAIRED_RELATIVE_DIFFERENCE("paired_relative_difference");

    private final String key;

    Combination(String key) {
        this.key = key;
    }

    /** The name used in mapping files and JSON. */
    public String key() {
        return key;
    }

    /** Parses a mapping file's name for a combination; null if unknown. */
    public static Combination fromKey(String key) {
        for (Combination c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        return null;
    }

    static String allKeys() {
        return Arrays.stream(values()).map(Combination::key).collect(Collectors.joining(", "));
    }
}
