package org.nuisance.app;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Window;

/**
 * Help > About: the versions (workbench, Java, JavaFX, DJL, PyTorch), the compute device DJL would
 * use, and where the caches and logs are — what a bug report needs. The DJL line is filled in from a
 * background task, since the first use of PyTorch extracts its natives (a few seconds).
 */
final class AboutDialog {

    private AboutDialog() {
    }

    static void show(Window owner) {
        Alert about = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        about.initOwner(owner);
        about.setTitle("About Nuisance Workbench");
        about.setHeaderText("Nuisance Workbench " + appVersion());
        var icon = AboutDialog.class.getResource("/icons/nuisance-workbench.png");
        if (icon != null) {
            ImageView view = new ImageView(new Image(icon.toExternalForm(), 64, 64, true, true));
            about.setGraphic(view);
        }
        TextArea text = new TextArea(String.join("\n", lines("probing…")));
        text.setId("about-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefSize(620, 220);
        about.getDialogPane().setContent(text);
        Task<String> probe = new Task<>() {
            @Override
            protected String call() {
                return computeDevice();
            }
        };
        probe.setOnSucceeded(e -> text.setText(String.join("\n", lines(probe.getValue()))));
        probe.setOnFailed(e -> {
            AppLog.logger().log(Level.WARNING, "DJL engine did not start", probe.getException());
            text.setText(String.join("\n", lines("unavailable (" + probe.getException() + ")")));
        });
        Thread t = new Thread(probe, "about-djl-probe");
        t.setDaemon(true);
        t.start();
        about.show();
    }

    /** The dialog's text, with {@code compute} as the DJL engine line. */
    static List<String> lines(String compute) {
        UserDirectories dirs = UserDirectories.current();
        List<String> l = new ArrayList<>();
        l.add("Workbench: " + appVersion());
        l.add("Java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        l.add("JavaFX: " + System.getProperty("javafx.runtime.version", com.sun.javafx.runtime.VersionInfo.getRuntimeVersion()));
        l.add("DJL: " + djlVersion() + "; compute device: " + compute);
        l.add("Cores: " + Runtime.getRuntime().availableProcessors() + ", max heap: "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        l.add("Logs: " + dirs.logs());
        l.add("DJL cache: " + UserDirectories.effectiveDjlCache());
        l.add("Installed in: " + System.getProperty("jpackage.app-path", System.getProperty("java.home")));
        return l;
    }

    static String appVersion() {
        String v = AboutDialog.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    private static String djlVersion() {
        try {
            return ai.djl.engine.Engine.getDjlVersion();
        } catch (RuntimeException | LinkageError e) {
            return "?";
        }
    }

    /** Starts DJL's default engine (PyTorch) and names its version and default device. */
    static String computeDevice() {
        ai.djl.engine.Engine engine = ai.djl.engine.Engine.getInstance();
        return engine.getEngineName() + " " + engine.getVersion() + " on " + engine.defaultDevice()
                + (engine.getGpuCount() > 0 ? " (" + engine.getGpuCount() + " GPU)" : " (no GPU found)");
    }
}
