package org.nuisance.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.ml.PretrainedCard;
import org.nuisance.engine.ml.PretrainedModel;
import org.nuisance.engine.ml.Pretrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pretrain}: a multi-class + multi-label network on generated events, the start for fine-tuning. */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Pretrain an event network on generated demo events: which process (htautau, ztautau, ttbar, "
                + "diboson) and the generator's truth (neutrino MET, boson pT) from the 16 PRI and 12 DER features, "
                + "one shared trunk; saves a model folder that 'train --from-pretrained DIR' fine-tunes.")
final class PretrainCommand implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
            description = "Demo events to generate (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the events (S) and of the network, split and shuffle (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "8", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "cpu",
            description = "Where to train (default: ${DEFAULT-VALUE}; the CPU gives the same network from the same seed).")
    String device;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Model folder to write.")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (events < 1000) {
            throw new InputException("--events must be >= 1000 to pretrain, got " + events);
        }
        if (epochs < 1) {
            throw new InputException("--epochs must be >= 1, got " + epochs);
        }
        PrintWriter out = spec.commandLine().getOut();
        org.nuisance.engine.ml.ComputeDevice.resolve(org.nuisance.engine.ml.ComputeDevice.Choice.parse(device));
        EventTable table = DemoGenerator.generate(events, seed, true);
        out.printf(Locale.ROOT, "pretraining on %d demo events (seed %d), %d epochs%n", events, seed, epochs);
        out.flush();
        String regenerate = String.format(Locale.ROOT, "nuisance pretrain --events %d --seed %d --epochs %d --output DIR",
                events, seed, epochs);
        Pretrainer.Settings settings = Pretrainer.Settings.defaults().withEpochs(epochs).withSeed(seed)
                .withDevice(org.nuisance.engine.ml.ComputeDevice.Choice.parse(device));
        try (PretrainedModel m = new Pretrainer(settings, p -> {
            out.println(p.format());
            out.flush();
        }).train(table, DemoGenerator.FEATURES, DemoGenerator.TRUTH_COLUMNS, regenerate)) {
            PretrainedCard c = m.card();
            out.printf(Locale.ROOT, "held-out (%d events): accuracy %.4f, signal-vs-rest weighted AUC %.4f, "
                            + "truth RMS %s GeV; %.1f s on %s%n", c.heldOutEvents(), c.heldOutAccuracy(),
                    c.heldOutSignalAuc(), java.util.Arrays.toString(c.heldOutTargetRms()), c.seconds(), c.device());
            m.save(output);
            out.println("saved: " + output);
        }
        return 0;
    }
}
