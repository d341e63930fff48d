package org.nuisance.engine.workbench;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.nuisance.engine.stats.fit.AsymptoticCalculator.TestStatistic;
import org.nuisance.engine.stats.hepdata.GridContours;
import org.nuisance.engine.stats.hepdata.PublishedLikelihood;
import org.nuisance.engine.stats.hepdata.SignalGrid;
import org.nuisance.engine.stats.hepdata.SignalPoint;
import org.nuisance.engine.stats.histfactory.Interpolation;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.xml.HistFactoryXml;

/**
 * What a window needs to show published likelihoods (no view uses it yet): open a HEPData archive,
 * background-only workspace with patch files, or a patchset; compute the signal grid's CLs in the
 * background (cancellable); the exclusion contours in a plane of two mass values; the signal workspace of
 * a clicked point for the usual fit views; and HistFactory XML import. Thread-safe: every method works
 * on its arguments only.
 */
public final class SignalGridFacade {

    private SignalGridFacade() {
    }

    /** A published likelihood: workspace (JSON or .tar.gz), optional archive region, patchset or patch folder. */
    public static PublishedLikelihood open(Path workspace, String region, Path patchset, String patches) {
        PublishedLikelihood pl = PublishedLikelihood.open(workspace, region);
        if (patchset != null) {
            pl = pl.withPatchset(patchset);
        }
        if (patches != null) {
            pl = pl.withPatches(patches);
        }
        return pl;
    }

    /** The grid's CLs at mu (qtilde) on threads threads; stops early when cancelled answers true. */
    public static SignalGrid.Result compute(PublishedLikelihood pl, Interpolation interpolation, double mu, int threads,
                                            BooleanSupplier cancelled) {
        return SignalGrid.compute(pl, pl.points(), interpolation, null, TestStatistic.QTILDE, mu, threads, cancelled);
    }

    /** The 95% CL contours in the plane of value indices axes (null: the first two that vary), optionally a slice "I=V". */
    public static GridContours contours(SignalGrid.Result grid, int[] axes, String slice) {
        SignalGrid.Result plane = SignalGrid.slice(grid, slice);
        return GridContours.of(plane, SignalGrid.axes(plane, axes));
    }

    /** The signal workspace of a point, to load into the usual views. */
    public static Workspace workspaceOf(PublishedLikelihood pl, String pointName) {
        SignalPoint p = pl.point(pointName);
        return pl.workspace(p);
    }

    /** The points' names in order. */
    public static List<String> pointNames(PublishedLikelihood pl) {
        return pl.points().stream().map(SignalPoint::name).toList();
    }

    /** A HistFactory XML model as a workspace (histograms from the ROOT files under baseDir). */
    public static Workspace importXml(Path config, Path baseDir) {
        return HistFactoryXml.importFile(config, baseDir);
    }
}
