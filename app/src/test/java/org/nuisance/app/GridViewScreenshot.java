package org.nuisance.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Draws docs/grid-view.png: the window on the ATLAS sbottom archive with RegionA's m(N1) = 60 GeV plane
 * computed. Run under Xvfb (see docs/published-likelihoods.md):
 * {@code xvfb-run -s "-screen 0 1600x1000x24" java -cp ... org.nuisance.app.GridViewScreenshot ARCHIVE OUT.png}.
 */
public final class GridViewScreenshot {

    private GridViewScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[0]);
        Path out = Path.of(args[1]);
        System.setProperty("nuisance.demo.events", "20000");
        System.setProperty("nuisance.state.dir", Files.createTempDirectory("nuisance-shot").toString());
        CountDownLatch started = new CountDownLatch(1);
        WorkbenchApp[] app = new WorkbenchApp[1];
        Platform.startup(() -> {
            app[0] = new WorkbenchApp();
            app[0].start(new Stage());
            started.countDown();
        });
        started.await();
        Platform.runLater(() -> app[0].viewModel().open(archive));
        var grid = app[0].viewModel().grid();
        waitFor(() -> grid.planeProperty().get() != null, 120);
        Platform.runLater(grid::computePlane);
        waitFor(() -> grid.runningProperty().get() != null, 30);
        waitFor(() -> grid.runningProperty().get() == null, 900);
        Thread.sleep(1500);
        CountDownLatch shot = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                WritableImage img = app[0].stage().getScene().snapshot(null);
                ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                shot.countDown();
            }
        });
        shot.await(60, TimeUnit.SECONDS);
        System.out.println(grid.messageProperty().get());
        Platform.exit();
        System.exit(0);
    }

    private static void waitFor(java.util.function.BooleanSupplier ok, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(200);
        }
    }
}
