package org.nuisance.engine.bench;

import java.util.concurrent.TimeUnit;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.higgsml.DerivedQuantity;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.higgsml.ShiftKernel;
import org.nuisance.engine.hist.Axis;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The interactive hot paths on 1M generated events (issue #2 targets on 2 cores):
 * a tes or jes move refilling the 4 process histograms of the displayed DER column <= 20 ms;
 * recomputing all 12 DER columns <= 60 ms; generating (loading) the demo's 1M events <= 1 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HiggsSystematics1MEventsBenchmark {

    @Param({"1000000"})
    int events;

    private ShiftKernel kernel;
    private final Axis axis = Axis.regular(50, 0, 200);
    private boolean[] pass;
    private float[][] der;
    private int step;

    @Setup(Level.Trial)
    public void setUp() {
        EventTable table = DemoGenerator.generate(events, 31415);
        kernel = new ShiftKernel(PreparedEvents.of(table));
        pass = new boolean[events];
        der = new float[DerivedQuantity.values().length][events];
    }

    /** A new slider value each call, as when dragging. */
    private NuisanceValues next() {
        step++;
        return NuisanceValues.NOMINAL.with(NuisanceParameter.TES, 0.97 + 0.001 * (step % 61))
                .with(NuisanceParameter.JES, 1.03 - 0.001 * (step % 59));
    }

    @Benchmark
    public Object sliderMoveRefillsMassVis() {
        return kernel.fill("DER_mass_vis", axis, next(), 31415);
    }

    @Benchmark
    public Object sliderMoveRefillsTransverseMassWithMet() {
        return kernel.fill("DER_mass_transverse_met_lep", axis, next(), 31415);
    }

    @Benchmark
    public float[][] recomputeAll12DerColumns() {
        kernel.computeAll(next(), 31415, pass, null, der);
        return der;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    public EventTable generateDemoEvents() {
        return DemoGenerator.generate(events, ++step);
    }
}
