package org.nuisance.engine.bench;

import java.util.concurrent.TimeUnit;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.histfactory.Data;
import org.nuisance.engine.stats.histfactory.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One maximum-likelihood fit with Hessian errors of a 50-bin model with mu and 6 nuisance parameters
 * ({@link BenchModels#fiftyBinSixNp()}), from the model's initial values. Target: <= 5 ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Fit50Bin6NpBenchmark {

    Model model;
    Data data;

    @Setup
    public void setup() {
        model = BenchModels.fiftyBinSixNp();
        data = model.observedData();
    }

    @Benchmark
    public FitResult fitWithErrors() {
        return new Fitter(model, data).fit();
    }
}
