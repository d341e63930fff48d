package org.nuisance.app.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;


/** Reads and writes sessions as JSON; writes go through a temporary file so a crash never truncates one. */
public final class SessionStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SessionStore() {
    }

    public static void write(Session s, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, ".session", ".tmp");
        JSON.writeValue(tmp.toFile(), s);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Session read(Path file) {
        try {
            Session s = JSON.readValue(file.toFile(), Session.class);
            if (s.version() != Session.VERSION) {
                throw new IllegalArgumentException(file.getFileName() + ": session version " + s.version()
                        + " is not supported (expected " + Session.VERSION + ")");
            }
            return s;
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(file.getFileName() + ": not a readable session file (" + msg + ")", e);
        }
    }

    /** Where the autosave lives: -Dnuisance.state.dir, else $XDG_STATE_HOME or ~/.local/state, per user. */
    public static Path autosaveFile() {
        String dir = System.getProperty("nuisance.state.dir");
        if (dir == null) {
            String xdg = System.getenv("XDG_STATE_HOME");
            dir = (xdg != null && !xdg.isBlank() ? xdg : System.getProperty("user.home") + "/.local/state")
                    + "/nuisance-workbench";
        }
        return Path.of(dir, "autosave.nuisance");
    }
}
