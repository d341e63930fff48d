package org.nuisance.engine.stats.toys;

/**
 * The FAIR Universe HiggsML Uncertainty Challenge's score (../shared/reference/HIGGSML.md, from the
 * challenge's scoring_program/score.py): w = mean interval width, c = coverage of the true mu by
 * [p16, p84], sigma68 = sqrt((1 - 0.6827) 0.6827 N) / N, a penalty f(c) outside 0.6827 +- 2 sigma68
 * (4th power below, 3rd power above), score = -ln((w + 1e-3) f(c)).
 */
public final class ChallengeScore {

    public static final double TARGET = 0.6827;

    private ChallengeScore() {
    }

    /** The binomial standard deviation of the coverage of N pseudo-experiments at 68.27%. */
    public static double sigma68(int n) {
        return Math.sqrt((1 - TARGET) * TARGET * n) / n;
    }

    public static double penalty(double coverage, int n) {
        double s = sigma68(n);
        double lo = TARGET - 2 * s;
        double hi = TARGET + 2 * s;
        if (coverage < lo) {
            return 1 + Math.pow(Math.abs(coverage - lo) / s, 4);
        }
        if (coverage > hi) {
            return 1 + Math.pow(Math.abs(coverage - hi) / s, 3);
        }
        return 1;
    }

    public static double score(double meanWidth, double coverage, int n) {
        return -Math.log((meanWidth + 1e-3) * penalty(coverage, n));
    }
}
