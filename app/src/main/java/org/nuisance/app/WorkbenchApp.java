package org.nuisance.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The workbench window (placeholder while the engine foundation lands). */
public final class WorkbenchApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("Nuisance Workbench"), 400, 200));
        stage.setTitle("Nuisance Workbench");
        stage.show();
    }
}
