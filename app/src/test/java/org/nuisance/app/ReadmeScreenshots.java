package org.nuisance.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.nuisance.app.training.TrainViewModel;
import org.nuisance.engine.higgsml.NuisanceParameter;

/**
 * Takes the README's screenshots (not a test: run by hand under Xvfb, see docs/screenshots.md): the
 * histogram after a fit (data, stack, post-fit band, ratio), the likelihood view of that fit, the Train
 * tab after a short training, and the Unfolded tab on eta_l1 in 20 bins over [-2.5, 2.5].
 * Arguments: the output folder (docs).
 */
public final class ReadmeScreenshots {

    private ReadmeScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs");
        System.setProperty("nuisance.state.dir", Files.createTempDirectory("nuisance-shots").toString());
        CompletableFuture<WorkbenchApp> started = new CompletableFuture<>();
        Platform.startup(() -> {
            WorkbenchApp app = new WorkbenchApp();
            app.start(new Stage());
            started.complete(app);
        });
        WorkbenchApp app = started.get();
        var vm = app.viewModel();
        waitFor(() -> vm.histogram().resultProperty().get() != null, "the demo histogram");
        fx(() -> {
            vm.histogram().logYProperty().set(true);
            vm.nuisance().value(NuisanceParameter.TES).set(1.03);
            app.tabs().getSelectionModel().select(1);
            return null;
        });
        waitFor(() -> fitDone(app) && vm.likelihood().resultProperty().get().analysis().sliders().get("tes") == 1.03,
                "the fit at tes = 1.03");
        fx(() -> {
            vm.likelihood().fitAndMoveSliders();
            return null;
        });
        double tes = fx(() -> vm.nuisance().value(NuisanceParameter.TES).get());
        waitFor(() -> fitDone(app) && vm.likelihood().resultProperty().get().analysis().sliders().get("tes") == tes,
                "the fit at the best fit");
        Thread.sleep(1500);
        shoot(app, out.resolve("workbench-likelihood.png"));

        fx(() -> {
            app.tabs().getSelectionModel().select(0);
            return null;
        });
        waitFor(() -> app.histogramView().chart().lastTotalBand() != null
                && vm.histogram().resultProperty().get().sliders().get("tes") == tes, "the post-fit band");
        Thread.sleep(1500);
        shoot(app, out.resolve("workbench-histogram.png"));

        fx(() -> {
            TrainViewModel t = vm.train();
            t.epochsProperty().set(6);
            t.patienceProperty().set(10);
            app.tabs().getSelectionModel().select(2);
            t.start();
            return null;
        });
        waitFor(() -> vm.train().stateProperty().get() == TrainViewModel.State.SUCCEEDED, "the training");
        fx(() -> {
            app.tabs().getSelectionModel().select(2);
            return null;
        });
        Thread.sleep(2000);
        shoot(app, out.resolve("train-panel.png"));

        fx(() -> {
            app.tabs().getSelectionModel().select(3);
            vm.unfolded().openDemo(400_000, 7);
            return null;
        });
        waitFor(() -> vm.unfolded().computedProperty().get() != null, "the unfolded demo");
        fx(() -> {
            vm.unfolded().observableProperty().set("eta_l1");
            return null;
        });
        waitFor(() -> vm.unfolded().computedProperty().get().observable().equals("eta_l1"), "eta_l1");
        fx(() -> {
            vm.unfolded().binningProperty().set("20,-2.5,2.5");
            return null;
        });
        waitFor(() -> vm.unfolded().computedProperty().get().axis().bins() == 20, "20 bins");
        Thread.sleep(2000);
        shoot(app, out.resolve("unfolded-view.png"));
        Platform.exit();
        System.exit(0);
    }

    private static boolean fitDone(WorkbenchApp app) {
        var l = app.viewModel().likelihood();
        return l.resultProperty().get() != null && !l.busyProperty().get();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        FutureTask<T> t = new FutureTask<>(c);
        Platform.runLater(t);
        return t.get();
    }

    private static void waitFor(Callable<Boolean> condition, String what) throws Exception {
        long end = System.currentTimeMillis() + 600_000;
        while (!fx(condition)) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
        System.out.println("ready: " + what);
    }

    private static void shoot(WorkbenchApp app, Path file) throws Exception {
        File f = file.toFile();
        fx(() -> ImageIO.write(SwingFXUtils.fromFXImage(app.stage().getScene().snapshot(null), null), "png", f));
        System.out.println("wrote " + file + " (" + Files.size(file) / 1024 + " KiB)");
    }
}
