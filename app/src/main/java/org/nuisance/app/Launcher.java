package org.nuisance.app;

/**
 * Entry point that starts the JavaFX workbench from the plain classpath (no module path needed);
 * {@code --about} prints the About box (versions, compute device, folders) and exits.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        // before anything touches DJL: its cache and the logs go to per-user folders, not the install folder
        org.nuisance.engine.workbench.Machine.quietLibraryLogs();
        UserDirectories dirs = UserDirectories.current();
        dirs.applyDjlDefaults();
        AppLog.install(dirs.logs());
        BundledNatives.unpackPyTorch();
        AppLog.logger().info(() -> "Nuisance Workbench " + AboutDialog.appVersion() + " on Java "
                + System.getProperty("java.version") + "; DJL cache " + UserDirectories.effectiveDjlCache());
        if (java.util.Arrays.asList(args).contains("--about")) {
            // what Help > About shows, without a window: for bug reports and the installers' smoke test
            AboutDialog.lines(AboutDialog.computeDevice()).forEach(System.out::println);
            return;
        }
        javafx.application.Application.launch(WorkbenchApp.class, args);
    }
}
