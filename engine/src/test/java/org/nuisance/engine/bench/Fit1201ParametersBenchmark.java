package org.nuisance.engine.bench;

import java.util.concurrent.TimeUnit;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.ProfileScan;
import org.nuisance.engine.stats.histfactory.BinnedLikelihood;
import org.nuisance.engine.stats.histfactory.Interpolation;
import org.nuisance.engine.stats.histfactory.Model;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 15's ATLAS-scale model ({@link BenchModels#thousandParameters()}: 10 channels x 100 bins, 100
 * normsys, 100 histosys, 1000 staterror gammas, mu; 1201 parameters): one fit with Hessian errors
 * (target <= 1 s on 2 cores) and a 9-point profile scan of mu over [0.5, 1.5] including its best fit
 * (target <= 3 s), with code4/code4p and with the default code1/code0. Run:
 * {@code mvn -pl engine -Pjmh test-compile exec:exec -Djmh.args="Fit1201 -f 1 -wi 2 -i 3"}. Besides the
 * wall time per operation, the secondary result {@code cpuMsPerOp} is the benchmark thread's CPU time per
 * operation in each iteration: on a machine shared with other builds the wall time measures the load, the
 * CPU time the work. JMH sums such counters over the measurement iterations in its final table (divide by
 * {@code -i}); the per-iteration values are in the "(min, avg, max)" line of the secondary result.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Fit1201ParametersBenchmark {

    @Param({"code4", "code1"})
    public String interpolation;

    Model model;

    @Setup
    public void setup() {
        Interpolation interp = interpolation.equals("code4")
                ? new Interpolation(Interpolation.Normsys.CODE4, Interpolation.Histosys.CODE4P)
                : Interpolation.DEFAULT;
        model = Model.of(BenchModels.thousandParameters(), null, interp);
    }

    /** The benchmark thread's CPU time per operation in the iteration (reported next to the wall time). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private long nanos;
        private long calls;
        public double cpuMsPerOp;

        @Setup(Level.Iteration)
        public void reset() {
            nanos = 0;
            calls = 0;
            cpuMsPerOp = 0;
        }

        long start() {
            return THREADS.getCurrentThreadCpuTime();
        }

        void stop(long start) {
            nanos += THREADS.getCurrentThreadCpuTime() - start;
            calls++;
            cpuMsPerOp = nanos / 1e6 / calls;
        }
    }

    @Benchmark
    public FitResult fitWithErrors(CpuTime cpu) {
        long t = cpu.start();
        FitResult r = new Fitter(new BinnedLikelihood(model, model.observedData())).fit();
        cpu.stop(t);
        return r;
    }

    @Benchmark
    public ProfileScan.Result profileScan9Points(CpuTime cpu) {
        long t = cpu.start();
        Fitter fitter = new Fitter(new BinnedLikelihood(model, model.observedData()));
        ProfileScan.Result r = new ProfileScan(fitter, model.poi(), new int[0]).scan(0.5, 1.5, 9);
        cpu.stop(t);
        return r;
    }
}
