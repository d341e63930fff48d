package org.nuisance.app.root;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;
import org.nuisance.engine.workbench.RootBrowser;
import org.nuisance.engine.workbench.RootDrawing;

/**
 * The ROOT tab: the file's directories, trees (with their branches, types and entries) and histograms
 * on the left; double-click a histogram to draw it, a numeric branch to histogram it (a jagged one offers
 * X[0], len(X), max(X) above the plot); "Use tree as events" opens FILE.root:TREE as an event source.
 */
public final class RootBrowserView extends BorderPane {

    /** A branch in the browse tree, with the tree it belongs to. */
    public record BranchNode(RootBrowser.Tree tree, RootBrowser.Branch branch) {
    }

    private final RootBrowserViewModel vm;
    private final TreeView<Object> browser = new TreeView<>();
    private final RootChart chart = new RootChart();
    private Consumer<Path> onUseAsEvents = p -> { };

    public RootBrowserView(RootBrowserViewModel vm) {
        this.vm = vm;
        browser.setId("root-browser");
        browser.setShowRoot(true);
        browser.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : describe(item));
            }
        });
        browser.setOnMouseClicked(e -> {
            TreeItem<Object> it = browser.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && it != null) {
                open(it.getValue());
            }
        });
        browser.setTooltip(new Tooltip("Double-click a histogram to draw it, a branch to histogram it"));
        vm.sourceProperty().addListener((o, a, s) -> browser.setRoot(s == null ? null : item(s.contents(), true)));

        Label file = new Label();
        file.setId("root-file");
        file.setTooltip(new Tooltip("The ROOT file shown"));
        vm.sourceProperty().addListener((o, a, s) -> file.setText(s == null ? "" : s.file().toString()));
        VBox left = new VBox(4, file, browser);
        VBox.setVgrow(browser, Priority.ALWAYS);
        left.setPadding(new Insets(6));

        ComboBox<String> expression = new ComboBox<>(vm.expressions());
        expression.setId("root-expression");
        expression.setTooltip(new Tooltip("What of the branch to histogram: a jagged branch offers its first"
                + " element, its length and its maximum"));
        expression.valueProperty().bindBidirectional(vm.expressionProperty());
        expression.visibleProperty().bind(javafx.beans.binding.Bindings.size(vm.expressions()).greaterThan(1));
        Button useAsEvents = new Button("Use tree as events");
        useAsEvents.setId("root-use-tree");
        useAsEvents.setTooltip(new Tooltip("Open the selected tree as an event source (FILE.root:TREE) for the"
                + " Histogram tab"));
        useAsEvents.disableProperty().bind(browser.getSelectionModel().selectedItemProperty().isNull());
        useAsEvents.setOnAction(e -> {
            RootBrowser.Tree t = selectedTree();
            if (t != null) {
                onUseAsEvents.accept(vm.eventsOf(t));
            }
        });
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        Label note = new Label();
        note.setId("root-note");
        vm.drawingProperty().addListener((o, a, d) -> {
            chart.show(d);
            note.setText(d == null ? "" : summary(d));
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        useAsEvents.setMinWidth(Region.USE_PREF_SIZE);
        note.setWrapText(true);
        note.setPadding(new Insets(2, 8, 6, 8));
        HBox bar = new HBox(8, expression, spacer, busy, useAsEvents);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        ChartViewer viewer = new ChartViewer(chart.chart());
        viewer.setId("root-chart");
        BorderPane right = new BorderPane(viewer);
        right.setTop(bar);
        right.setBottom(note);

        SplitPane split = new SplitPane(left, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.34);
        setCenter(split);
    }

    /** What "Use tree as events" does with FILE.root:TREE (the window opens it as a source). */
    public void setOnUseAsEvents(Consumer<Path> action) {
        onUseAsEvents = action;
    }

    public TreeView<Object> browser() {
        return browser;
    }

    public RootChart chart() {
        return chart;
    }

    private void open(Object node) {
        if (node instanceof RootBrowser.Histogram h) {
            vm.drawHistogram(h.path());
        } else if (node instanceof BranchNode b) {
            vm.drawBranch(b.tree(), b.branch());
        }
    }

    private RootBrowser.Tree selectedTree() {
        TreeItem<Object> it = browser.getSelectionModel().getSelectedItem();
        for (; it != null; it = it.getParent()) {
            if (it.getValue() instanceof RootBrowser.Tree t) {
                return t;
            }
        }
        return null;
    }

    private static TreeItem<Object> item(RootBrowser.Node node, boolean expanded) {
        TreeItem<Object> it = new TreeItem<>(node);
        if (node instanceof RootBrowser.Directory d) {
            for (RootBrowser.Node c : d.children()) {
                // the top directory's trees open at once: their branches are what one came for
                it.getChildren().add(item(c, expanded && c instanceof RootBrowser.Tree));
            }
        } else if (node instanceof RootBrowser.Tree t) {
            for (RootBrowser.Branch b : t.branches()) {
                it.getChildren().add(new TreeItem<>(new BranchNode(t, b)));
            }
        }
        it.setExpanded(expanded);
        return it;
    }

    static String describe(Object item) {
        if (item instanceof RootBrowser.Directory d) {
            return (d.path().isEmpty() ? d.name() : d.name() + "/") + "  (" + d.children().size() + " keys)";
        } else if (item instanceof RootBrowser.Tree t) {
            return String.format(Locale.ROOT, "%s  %s, %,d entries, %d branches", t.name(), t.className(), t.entries(),
                    t.branches().size());
        } else if (item instanceof BranchNode b) {
            RootBrowser.Branch br = b.branch();
            return String.format(Locale.ROOT, "%s  %s, %,d entries%s", br.name(), br.type(), br.entries(),
                    br.numeric() ? "" : br.readable() ? "  (not numeric)" : "  (not readable)");
        } else if (item instanceof RootBrowser.Histogram h) {
            return h.name() + "  " + h.className() + (h.title() == null || h.title().isBlank() ? "" : "  \"" + h.title() + "\"");
        } else if (item instanceof RootBrowser.Other o) {
            return o.name() + "  " + o.className();
        }
        return String.valueOf(item);
    }

    private static String summary(RootDrawing d) {
        String bins = d.dimension() == 2
                ? String.format(Locale.ROOT, "%d x %d bins", d.matrix().length, d.edgesY().length - 1)
                : String.format(Locale.ROOT, "%d bins, underflow %s, overflow %s", d.contents().length,
                        number(d.underflow()), number(d.overflow()));
        String s = String.format(Locale.ROOT, "%s: %s entries, %s", d.name(), number(d.entries()), bins);
        return d.note().isEmpty() ? s : s + ". " + d.note();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%.4g", v);
    }
}
