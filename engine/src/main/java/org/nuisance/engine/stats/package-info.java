/**
 * The statistics engine: HistFactory binned likelihoods, fits, profile scans, hypothesis tests and the
 * FAIR Universe pseudo-experiments.
 * <ul>
 *   <li>{@code stats.histfactory}: pyhf JSON workspaces (schema 1.0.0) read, validated with JSON paths,
 *       written; the seven modifiers (normfactor, normsys code1/code4, histosys code0/code4p, shapesys,
 *       staterror, lumi, shapefactor); {@code Model} (expected counts, Asimov data) and
 *       {@code Likelihood} (-ln L and its analytic gradient).</li>
 *   <li>{@code stats.fit}: {@code BoundedNewton} minimiser, {@code Fitter} (best fit, Hessian errors,
 *       correlations), {@code ProfileScan} (twiceDeltaNll, 68%/95% intervals), {@code AsymptoticCalculator}
 *       (q, qtilde, q0; CLs and expected bands as pyhf), {@code UpperLimit}, {@code Impacts}.</li>
 *   <li>{@code stats.toys}: {@code HiggsTemplates} (binned model of one observable from events, exportable
 *       as a workspace), {@code PseudoExperiments} (the challenge's harness: Poisson bootstrap, random
 *       NPs, coverage) and {@code ChallengeScore}.</li>
 * </ul>
 * CLI: {@code fit}, {@code scan}, {@code hypotest}, {@code limit}, {@code coverage}, {@code build-workspace}.
 */
package org.nuisance.engine.stats;
