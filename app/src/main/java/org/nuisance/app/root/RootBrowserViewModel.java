package org.nuisance.app.root;

import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.nuisance.app.LatestWins;
import org.nuisance.engine.workbench.RootBrowser;
import org.nuisance.engine.workbench.RootDrawing;
import org.nuisance.engine.workbench.RootSource;

/**
 * The ROOT tab's state: the file shown (its contents read by the facade), what is drawn, and the
 * expressions a branch offers. Reads run off the FX thread, latest request wins; a failure leaves the
 * drawing as it was and sets {@link #errorProperty()} to the reader's one-line message.
 */
public final class RootBrowserViewModel {

    private final ObjectProperty<RootSource> source = new SimpleObjectProperty<>();
    private final ObjectProperty<RootDrawing> drawing = new SimpleObjectProperty<>();
    private final ObservableList<String> expressions = FXCollections.observableArrayList();
    private final ObjectProperty<RootBrowser.Tree> expressionTree = new SimpleObjectProperty<>();
    private final StringProperty expression = new SimpleStringProperty();
    private final StringProperty error = new SimpleStringProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final LatestWins worker = new LatestWins("root-reader");

    public RootBrowserViewModel() {
        // choosing another expression of the branch shown draws it
        expression.addListener((o, a, e) -> {
            RootBrowser.Tree t = expressionTree.get();
            if (e != null && t != null && !e.equals(a)) {
                read(() -> RootDrawing.branch(sourceFile(), t.path(), e));
            }
        });
    }

    /** Shows a freshly opened file; what was drawn from the previous file goes. */
    public void show(RootSource s) {
        worker.cancel();
        busy.set(false);
        expressionTree.set(null);
        expressions.clear();
        drawing.set(null);
        source.set(s);
    }

    /** Draws the histogram at a path of the file shown. */
    public void drawHistogram(String path) {
        Path file = sourceFile();
        expressionTree.set(null);
        expressions.clear();
        read(() -> RootDrawing.histogram(file, path));
    }

    /**
     * Histograms a branch of a tree: its first expression (the branch itself, or X[0] for a jagged one);
     * the others (len(X), max(X)) become choices. A branch that cannot be histogrammed is an error.
     */
    public void drawBranch(RootBrowser.Tree tree, RootBrowser.Branch branch) {
        if (!branch.numeric() || branch.columns().isEmpty()) {
            fail(sourceName() + ": " + tree.path() + "/" + branch.name() + ": a " + branch.type()
                    + " branch cannot be histogrammed (only numeric branches)");
            return;
        }
        expressionTree.set(null);
        expressions.setAll(branch.columns());
        expression.set(null);
        expressionTree.set(tree);
        expression.set(branch.columns().get(0));
    }

    /** The event source "FILE.root:TREE" for a tree of the file shown. */
    public Path eventsOf(RootBrowser.Tree tree) {
        return Path.of(sourceFile() + ":" + tree.path());
    }

    private void read(java.util.function.Supplier<RootDrawing> work) {
        busy.set(true);
        worker.submit(work, d -> {
            busy.set(false);
            drawing.set(d);
        }, e -> {
            busy.set(false);
            fail(e.getMessage() == null ? e.toString() : e.getMessage());
        });
    }

    private void fail(String message) {
        error.set(null);
        error.set(message);
    }

    private Path sourceFile() {
        RootSource s = source.get();
        if (s == null) {
            throw new IllegalStateException("no ROOT file is shown");
        }
        return s.file();
    }

    private String sourceName() {
        return source.get() == null ? "" : source.get().name();
    }

    public ObjectProperty<RootSource> sourceProperty() {
        return source;
    }

    public ObjectProperty<RootDrawing> drawingProperty() {
        return drawing;
    }

    /** The expressions the branch last double-clicked offers (X, or X[0], len(X), max(X)). */
    public ObservableList<String> expressions() {
        return expressions;
    }

    /** The expression drawn; setting it to another of {@link #expressions()} draws that one. */
    public StringProperty expressionProperty() {
        return expression;
    }

    /** Set to each failure's one-line message (null first, so the same message shows again). */
    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
