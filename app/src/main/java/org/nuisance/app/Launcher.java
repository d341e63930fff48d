package org.nuisance.app;

/** Entry point that starts the JavaFX workbench from the plain classpath (no module path needed). */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        // before anything touches DJL: its cache and the logs go to per-user folders, not the install folder
        UserDirectories dirs = UserDirectories.current();
        dirs.applyDjlDefaults();
        AppLog.install(dirs.logs());
        AppLog.logger().info(() -> "Nuisance Workbench " + AboutDialog.appVersion() + " on Java "
                + System.getProperty("java.version") + "; DJL cache " + UserDirectories.effectiveDjlCache());
        javafx.application.Application.launch(WorkbenchApp.class, args);
    }
}
