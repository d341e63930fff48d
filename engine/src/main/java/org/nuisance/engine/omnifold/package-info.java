/**
 * The OmniFold result explorer's engine: published unbinned unfolded results (one row per event,
 * observables plus many weight columns, e.g. ATLAS Z+jets, arXiv:2405.20041) turned into
 * histograms with the analysis' full uncertainty breakdown.
 *
 * <ul>
 *   <li>{@link org.nuisance.engine.omnifold.OmniFoldReader} reads pandas HDF5 (fixed and table
 *   layouts), plain HDF5, Parquet and CSV into an {@link org.nuisance.engine.omnifold.OmniFoldTable}
 *   of float32 columns.</li>
 *   <li>{@link org.nuisance.engine.omnifold.WeightScheme} sorts the columns into nominal, prior,
 *   observables and {@link org.nuisance.engine.omnifold.WeightFamily weight families}, by name or from
 *   a JSON/YAML mapping file.</li>
 *   <li>{@link org.nuisance.engine.omnifold.WeightHistograms} fills every weight column for one
 *   observable and binning in a single pass; {@link org.nuisance.engine.omnifold.UncertaintyRecipe}
 *   turns that matrix into an {@link org.nuisance.engine.omnifold.UnfoldedResult} (dsigma/dx, bands,
 *   total, covariance, correlation, comparisons, {@link org.nuisance.engine.omnifold.Chi2Test}); and
 *   {@link org.nuisance.engine.omnifold.NuisanceShift} moves the nominal along the systematic
 *   variations without touching the events.</li>
 *   <li>{@link org.nuisance.engine.omnifold.OmniFoldExplorer} ties these together for the app view
 *   and the CLI ({@code nuisance omnifold hist|info|generate}).</li>
 *   <li>{@link org.nuisance.engine.omnifold.SyntheticOmniFold} writes demo files whose bands are
 *   known in closed form.</li>
 * </ul>
 */
package org.nuisance.engine.omnifold;
