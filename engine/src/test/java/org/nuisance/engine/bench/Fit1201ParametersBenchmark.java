package org.nuisance.engine.bench;

import java.util.concurrent.TimeUnit;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.ProfileScan;
import org.nuisance.engine.stats.histfactory.BinnedLikelihood;
import org.nuisance.engine.stats.histfactory.Interpolation;
import org.nuisance.engine.stats.histfactory.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 15's ATLAS-scale model ({@link BenchModels#thousandParameters()}: 10 channels x 100 bins, 100
 * normsys, 100 histosys, 1000 staterror gammas, mu; 1201 parameters): one fit with Hessian errors
 * (target <= 1 s on 2 cores) and a 9-point profile scan of mu over [0.5, 1.5] including its best fit
 * (target <= 3 s), with code4/code4p and with the default code1/code0. Run:
 * {@code mvn -pl engine -Pjmh test-compile exec:exec -Djmh.args="Fit1201 -f 1 -wi 2 -i 3"}.
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

    @Benchmark
    public FitResult fitWithErrors() {
        return new Fitter(new BinnedLikelihood(model, model.observedData())).fit();
    }

    @Benchmark
    public ProfileScan.Result profileScan9Points() {
        Fitter fitter = new Fitter(new BinnedLikelihood(model, model.observedData()));
        return new ProfileScan(fitter, model.poi(), new int[0]).scan(0.5, 1.5, 9);
    }
}
