package org.nuisance.app;

/** Entry point that starts the JavaFX workbench from the plain classpath (no module path needed). */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        javafx.application.Application.launch(WorkbenchApp.class, args);
    }
}
