package org.nuisance.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The File menu's recent files: the last eight opened, newest first, kept beside the autosave. */
public final class RecentFiles {

    private static final int RECENT = 8;

    private final ObservableList<Path> files = FXCollections.observableArrayList();
    private final Path store;
    private final Executor io;

    public RecentFiles(Path store, Executor io) {
        this.store = store;
        this.io = io;
        files.setAll(read(store));
    }

    public void remember(Path file) {
        Path abs = file.toAbsolutePath();
        files.remove(abs);
        files.add(0, abs);
        while (files.size() > RECENT) {
            files.remove(files.size() - 1);
        }
        List<String> lines = new ArrayList<>();
        for (Path p : files) {
            lines.add(p.toString());
        }
        io.execute(() -> {
            try {
                Files.createDirectories(store.getParent());
                Files.write(store, lines);
            } catch (IOException e) {
                // best effort
            }
        });
    }

    public ObservableList<Path> files() {
        return files;
    }

    private static List<Path> read(Path f) {
        List<Path> out = new ArrayList<>();
        try {
            if (Files.isRegularFile(f)) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        out.add(Path.of(line.trim()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a damaged list is simply empty
        }
        return out;
    }
}
