package org.nuisance.engine.stats.histfactory;

import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;

/**
 * The one parameter alpha of a normsys or histosys name, which the two types share (a normsys and a
 * histosys of the same name move together, as in pyhf): unit Gaussian constraint around 0, init 0,
 * bounds [-5, 5].
 */
final class AlphaParameters extends ParameterSet {

    AlphaParameters(String name, String type, String firstPath) {
        super(name, type, 1, false, firstPath);
    }

    @Override
    boolean accepts(ModifierSpec spec) {
        return spec instanceof NormSys.Spec || spec instanceof HistoSys.Spec;
    }

    @Override
    Defaults defaults(int i, ParameterConfig cfg) {
        return Defaults.gaussian(0, -5, 5, 0, 1);
    }
}
