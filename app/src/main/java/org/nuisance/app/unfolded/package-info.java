/**
 * The OmniFold result explorer's window part: {@link org.nuisance.app.unfolded.UnfoldedView} (a
 * BorderPane for a tab) over {@link org.nuisance.app.unfolded.UnfoldedViewModel}, which opens a file
 * in the background and asks {@code org.nuisance.engine.omnifold} for every number it shows.
 * {@link org.nuisance.app.unfolded.UnfoldedViewModel#looksLikeOmniFold} routes a dropped file here.
 */
package org.nuisance.app.unfolded;
