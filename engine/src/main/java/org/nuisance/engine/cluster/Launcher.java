package org.nuisance.engine.cluster;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The absolute command that starts this {@code nuisance} CLI, for job scripts that run on compute nodes
 * sharing the file system: the installed {@code nuisance} launcher when running from the installed app
 * (jpackage), {@code <java.home>/bin/java -jar <engine jar>} when running from the jar built by
 * {@code mvn package} (its {@code lib/} beside it), else {@code java -cp <class path> <main class>}.
 */
public final class Launcher {

    /** The CLI's main class. */
    public static final String MAIN = "org.nuisance.engine.cli.NuisanceCli";

    private Launcher() {
    }

    /** The launcher of the running program; {@code NUISANCE_LAUNCHER} (words split at spaces) overrides. */
    public static List<String> current() {
        String env = System.getenv("NUISANCE_LAUNCHER");
        if (env != null && !env.isBlank()) {
            return List.of(env.strip().split("\\s+"));
        }
        // an installed app (jpackage): its runtime has no bin/java; the 'nuisance' launcher sits beside this one
        String app = System.getProperty("jpackage.app-path");
        if (app != null && !app.isBlank()) {
            Path self = Path.of(app).toAbsolutePath();
            Path cli = self.resolveSibling("nuisance");
            return List.of(Files.isRegularFile(cli) ? cli.toString() : self.toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toAbsolutePath().toString();
        Path code;
        try {
            code = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            code = null;
        }
        if (code != null && Files.isRegularFile(code) && code.toString().endsWith(".jar")) {
            return List.of(java, "-jar", code.toString());
        }
        List<String> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                cp.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return List.of(java, "-cp", String.join(File.pathSeparator, cp), MAIN);
    }
}
