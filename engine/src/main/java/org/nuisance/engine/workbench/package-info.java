/**
 * The workbench facade: everything the window asks of the engine, and nothing JavaFX. Sources are
 * opened through one format detector ({@link org.nuisance.engine.workbench.Sources}) into a sealed set
 * of {@link org.nuisance.engine.workbench.Source} types; the data to fit is a fixed
 * {@link org.nuisance.engine.workbench.DataSpec} that no slider changes; plots and fits are asked of
 * {@link org.nuisance.engine.workbench.EventsWorkbench} and
 * {@link org.nuisance.engine.workbench.WorkspaceWorkbench}, whose fits go through one
 * {@link org.nuisance.engine.stats.Likelihood} ({@link org.nuisance.engine.workbench.FitTarget}).
 */
package org.nuisance.engine.workbench;
