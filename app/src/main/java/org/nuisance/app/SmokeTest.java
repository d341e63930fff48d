package org.nuisance.app;

import java.awt.image.BufferedImage;
import java.io.File;
import java.util.List;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.nuisance.engine.higgsml.NuisanceParameter;

/**
 * {@code --smoke-test[=OUT.png]}: opens the window on the demo data, moves the TES slider, renders the
 * window to a PNG, checks that the image is not blank and exits 0 (1 on any failure, 2 after 60 s).
 * {@code --log-y} and {@code --tes=X} change what is shown, for README screenshots.
 */
final class SmokeTest {

    private SmokeTest() {
    }

    static boolean requested(List<String> args) {
        return args.stream().anyMatch(a -> a.equals("--smoke-test") || a.startsWith("--smoke-test="));
    }

    static void startIfRequested(WorkbenchApp app, List<String> args) {
        String out = null;
        boolean run = false;
        double tes = 1.02;
        boolean logY = false;
        boolean likelihoodTab = false;
        for (String a : args) {
            if (a.equals("--smoke-test")) {
                run = true;
            } else if (a.startsWith("--smoke-test=")) {
                run = true;
                out = a.substring("--smoke-test=".length());
            } else if (a.startsWith("--tes=")) {
                tes = Double.parseDouble(a.substring(6));
            } else if (a.equals("--log-y")) {
                logY = true;
            } else if (a.equals("--tab=likelihood")) {
                likelihoodTab = true;
            }
        }
        if (!run) {
            return;
        }
        File file = new File(out != null ? out : System.getProperty("java.io.tmpdir") + "/nuisance-smoke-test.png");
        double tesValue = tes;
        boolean log = logY;
        boolean showLikelihood = likelihoodTab;
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(60_000);
                System.err.println("smoke test: no histogram after 60 s");
                System.exit(2);
            } catch (InterruptedException ignored) {
                // finished in time
            }
        }, "smoke-test-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        app.viewModel().histogram().logYProperty().set(log);
        app.viewModel().histogram().resultProperty().addListener((o, a, r) -> {
            if (r == null) {
                return;
            }
            if (r.sliders().get("tes") != tesValue) {
                app.viewModel().nuisance().value(NuisanceParameter.TES).set(tesValue);
                return;
            }
            if (showLikelihood) {
                app.viewModel().likelihood().resultProperty().addListener((o2, a2, lr) -> {
                    if (lr != null && lr.analysis().sliders().get("tes") == tesValue) {
                        PauseTransition pause = new PauseTransition(Duration.millis(500));
                        pause.setOnFinished(e -> finish(app, file, lr.analysis().ms()));
                        pause.play();
                    }
                });
                app.tabs().getSelectionModel().select(1);
                return;
            }
            // let the chart draw the new result before the snapshot
            PauseTransition pause = new PauseTransition(Duration.millis(300));
            pause.setOnFinished(e -> finish(app, file, r.computeMs()));
            pause.play();
        });
    }

    private static void finish(WorkbenchApp app, File file, double ms) {
        try {
            WritableImage image = app.stage().getScene().snapshot(null);
            BufferedImage png = SwingFXUtils.fromFXImage(image, null);
            ImageIO.write(png, "png", file);
            int distinct = distinctColours(png);
            System.out.printf(Locale.ROOT, "smoke test: %dx%d PNG with %d colours written to %s; last update %.1f ms%n",
                    png.getWidth(), png.getHeight(), distinct, file, ms);
            if (distinct < 16) {
                System.err.println("smoke test: the rendered window is blank");
                Platform.exit();
                System.exit(1);
            }
            Platform.exit();
            System.exit(0);
        } catch (Exception e) {
            System.err.println("smoke test: " + e);
            System.exit(1);
        }
    }

    private static int distinctColours(BufferedImage img) {
        java.util.HashSet<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
                if (seen.size() > 256) {
                    return seen.size();
                }
            }
        }
        return seen.size();
    }
}
