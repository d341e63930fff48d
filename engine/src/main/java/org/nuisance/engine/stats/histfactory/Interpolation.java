package org.nuisance.engine.stats.histfactory;

import java.util.Locale;
import org.nuisance.engine.data.InputException;

/**
 * The interpolation codes of normsys and histosys (HistFactory, CERN-OPEN-2012-016; pyhf
 * {@code interpolators}): normsys code1 (exponential, the default) or code4 (6th-degree polynomial
 * inside |alpha| < 1, exponential outside); histosys code0 (piecewise linear, the default) or code4p
 * (polynomial inside |alpha| < 1, linear outside).
 */
public record Interpolation(Normsys normsys, Histosys histosys) {

    public static final Interpolation DEFAULT = new Interpolation(Normsys.CODE1, Histosys.CODE0);

    public enum Normsys { CODE1, CODE4 }

    public enum Histosys { CODE0, CODE4P }

    public static Normsys normsys(String code) {
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "code1", "1" -> Normsys.CODE1;
            case "code4", "4" -> Normsys.CODE4;
            default -> throw new InputException("normsys interpolation must be code1 or code4, got '" + code + "'");
        };
    }

    public static Histosys histosys(String code) {
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "code0", "0" -> Histosys.CODE0;
            case "code4p", "4p" -> Histosys.CODE4P;
            default -> throw new InputException("histosys interpolation must be code0 or code4p, got '" + code + "'");
        };
    }
}
