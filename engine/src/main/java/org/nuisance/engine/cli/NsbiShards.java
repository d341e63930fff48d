package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.cluster.ShardMerger;
import org.nuisance.engine.cluster.ShardPart;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.ml.ClassifierEnsemble;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.ml.TrainedClassifier;
import org.nuisance.engine.nsbi.NsbiModel;
import org.nuisance.engine.nsbi.RatioEnsemble;
import picocli.CommandLine;

/**
 * Parts of {@code nsbi train --ensemble K --shard I/N}: each part holds members {@code [first, end)} of every
 * process's density-ratio ensemble ({@code ratio-PROCESS/member-KK}, member k seeded as in one process). The
 * merge is the rest of the training: it reads the events again (the part's settings name them), calibrates
 * the ensembles made of all parts' members on the same held-out halves, trains the shape networks and rates
 * and normalises, exactly as one {@code nsbi train} with the same settings, and saves the model folder there.
 */
public final class NsbiShards implements ShardMerger {

    /** What the global indices of {@code nsbi train} count: members of each ratio ensemble. */
    public static final String KIND = "ratio members";

    @Override
    public String command() {
        return "nsbi train";
    }

    /** The payload: the processes whose ratio members a part holds. */
    static JsonNode payload(List<String> processes) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        processes.forEach(p.putArray("processes")::add);
        return p;
    }

    /** Where member k of process {@code name}'s ratio lives in a part folder. */
    static Path memberFolder(Path part, String name, int k) {
        return part.resolve("ratio-" + name).resolve(ClassifierEnsemble.memberFolder(k));
    }

    @Override
    public void merge(List<ShardPart> parts, List<Path> folders, Path output, boolean json, PrintWriter out) {
        if (output == null) {
            throw new InputException("merge: --output MODEL_DIR is required to merge an NSBI model");
        }
        ShardPart first = parts.get(0);
        int total = first.range().total();
        int covered = parts.stream().mapToInt(p -> p.range().size()).sum();
        if (covered != total) {
            throw new InputException("merge: an NSBI model needs every ratio member; the parts hold " + covered + " of "
                    + total + " (no --partial)");
        }
        // the unsharded command, from the part's settings: the same events and options
        List<String> args = new ArrayList<>();
        first.settings().forEach((name, value) -> {
            if (!"(default)".equals(value)) {
                args.add(name);
                args.add(value);
            }
        });
        args.addAll(List.of("--seed", Long.toString(first.seed()), "--output", output.toString()));
        NsbiCommand.Train train = new NsbiCommand.Train();
        try {
            new CommandLine(train).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new InputException(folders.get(0).resolve(ShardPart.FILE) + ": $.settings: " + e.getMessage(), e);
        }
        ComputeDevice.Choice device = ComputeDevice.Choice.parse(train.device);
        NsbiModel.RatioSource fromParts = (p, name, features, num, numW, den, denW, config, members, bins, listener) -> {
            List<TrainedClassifier> loaded = new ArrayList<>();
            try {
                for (int i = 0; i < parts.size(); i++) {
                    for (int k = parts.get(i).range().first(); k < parts.get(i).range().end(); k++) {
                        Path dir = memberFolder(folders.get(i), name, k);
                        if (!Files.isDirectory(dir)) {
                            throw new InputException(dir + ": member " + k + " of the ratio of '" + name
                                    + "' missing from its part");
                        }
                        loaded.add(TrainedClassifier.load(dir, device));
                    }
                }
            } catch (RuntimeException e) {
                loaded.forEach(TrainedClassifier::close);
                throw e;
            }
            return RatioEnsemble.fromMembers(features, num, numW, den, denW, config, loaded, bins);
        };
        out.println("merging " + total + " members of each ratio ensemble from " + parts.size() + " parts");
        train.train(fromParts, out);
    }
}
