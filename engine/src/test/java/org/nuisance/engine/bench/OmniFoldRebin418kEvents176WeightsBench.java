package org.nuisance.engine.bench;

import java.util.concurrent.TimeUnit;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.omnifold.OmniFoldExplorer;
import org.nuisance.engine.omnifold.OmniFoldTable;
import org.nuisance.engine.omnifold.SyntheticOmniFold;
import org.nuisance.engine.omnifold.UnfoldedResult;
import org.nuisance.engine.omnifold.WeightHistograms;
import org.nuisance.engine.omnifold.WeightScheme;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A new binning of an OmniFold result the size of the ATLAS Z+jets pseudodata (418,014 events) with
 * the release's 176 weight columns (nominal, prior, 100 ensemble, 2 x 25 bootstraps, dd pair, 22
 * systematics) plus a Sherpa and a nonDY alternative: one pass filling the whole histogram matrix,
 * then every band, the total, the covariance and the correlation. Target: <= 200 ms on 2 cores.
 * {@code nuisanceSlider} is one slider move of the nuisance view (no event pass).
 *
 * <p>Run: {@code mvn -q -pl engine -Pjmh test-compile exec:exec -Djmh.args="OmniFold -f 1 -wi 3 -i 5"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OmniFoldRebin418kEvents176WeightsBench {

    @Param({"pT_ll", "pT_l1/pT_ll"})
    String observable;

    OmniFoldExplorer explorer;
    int binsCycle;
    WeightHistograms matrix;
    org.nuisance.engine.omnifold.NuisanceShift shift;
    double[] theta;
    double[] out;

    @Setup(Level.Trial)
    public void load() {
        SyntheticOmniFold.Config c = SyntheticOmniFold.Config.of(SyntheticOmniFold.ATLAS_EVENTS, 2405_20041L);
        OmniFoldTable t = SyntheticOmniFold.generate(c, SyntheticOmniFold.Variant.NOMINAL);
        explorer = new OmniFoldExplorer(t, WeightScheme.detect(t));
        explorer.addAlternative("generator_prior", SyntheticOmniFold.generate(c, SyntheticOmniFold.Variant.SHERPA));
        explorer.addAlternative("non_dy", SyntheticOmniFold.generate(c, SyntheticOmniFold.Variant.NON_DY));
        matrix = explorer.histogramMatrix(observable, axis(24));
        shift = explorer.nuisanceShift(matrix);
        theta = new double[shift.parameters().size()];
        out = new double[shift.bins()];
    }

    private Axis axis(int bins) {
        return observable.equals("pT_ll") ? Axis.regular(bins, 200, 1000) : Axis.regular(bins, 0.5, 1.0);
    }

    /** Every band for a binning not seen before (the bin count cycles 20..39). */
    @Benchmark
    public UnfoldedResult newBinningAllBands() {
        binsCycle = (binsCycle + 1) % 20;
        Axis a = axis(20 + binsCycle);
        return explorer.result(observable, explorer.histogramMatrix(observable, a));
    }

    @Benchmark
    public double[] nuisanceSlider() {
        theta[binsCycle % theta.length] += 0.01;
        binsCycle++;
        shift.shiftedInto(theta, out);
        return out;
    }
}
