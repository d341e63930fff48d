package org.nuisance.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.ml.ClassifierEnsemble;

/**
 * Parts of {@code train --ensemble N --shard I/N}: each part folder holds the members it trained under
 * their global folder names ({@code member-07}: seed + 7); the merge copies them into one ensemble folder,
 * the one a single process would have saved.
 */
public final class EnsembleShards implements ShardMerger {

    /** What the global indices of {@code train} count. */
    public static final String KIND = "members";

    @Override
    public String command() {
        return "train";
    }

    /** The payload naming the member folders a part holds. */
    public static JsonNode payload(List<String> memberFolders) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        memberFolders.forEach(p.putArray("members")::add);
        return p;
    }

    @Override
    public void merge(List<ShardPart> parts, List<Path> folders, Path output, boolean json, PrintWriter out) {
        if (output == null) {
            throw new InputException("merge: --output MODEL_DIR is required to merge ensemble members");
        }
        List<String> names = new ArrayList<>();
        int total = parts.get(0).range().total();
        for (int i = 0; i < parts.size(); i++) {
            ShardPart part = parts.get(i);
            JsonNode members = part.payload().get("members");
            if (members == null || !members.isArray() || members.size() != part.range().size()) {
                throw new InputException(folders.get(i).resolve(ShardPart.FILE) + ": $.payload.members: expected "
                        + part.range().size() + " member folders");
            }
            for (int k = part.range().first(); k < part.range().end(); k++) {
                String name = ClassifierEnsemble.memberFolder(k);
                Path from = folders.get(i).resolve(name);
                if (!Files.isDirectory(from)) {
                    throw new InputException(from + ": member " + k + " missing from its part");
                }
                // an ensemble of one is saved by 'train' as a plain model folder
                copyTree(from, total == 1 ? output : output.resolve(name));
                names.add(name);
            }
        }
        if (total > 1 || parts.size() != 1) {
            ClassifierEnsemble.writeIndex(output, names);
        }
        out.println("merged " + names.size() + " of " + total + " ensemble members from " + parts.size() + " parts");
        out.println("saved: " + output);
        out.flush();
    }

    static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InputException(to + ": cannot copy " + from + " there (" + e.getMessage() + ")", e);
        }
    }
}
