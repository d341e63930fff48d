package org.nuisance.engine.bench;

import java.util.concurrent.TimeUnit;
import org.nuisance.engine.stats.fit.ProfileScan;
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
 * A 101-point profile-likelihood scan of mu on [0, 3] of the 50-bin, 6-NP model, with the best fit and
 * the root-found 68% and 95% intervals. Target: <= 50 ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ProfileScan101Points50Bin6NpBenchmark {

    Model model;
    Data data;

    @Setup
    public void setup() {
        model = BenchModels.fiftyBinSixNp();
        data = model.observedData();
    }

    @Benchmark
    public ProfileScan.Result scan101Points() {
        return new ProfileScan(model, data, model.poi()).scan(0, 3, 101);
    }
}
