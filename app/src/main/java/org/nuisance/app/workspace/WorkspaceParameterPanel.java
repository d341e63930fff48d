package org.nuisance.app.workspace;

import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.nuisance.engine.stats.Parameter;

/** A slider row per parameter of a HistFactory workspace, and the channel to show. */
public final class WorkspaceParameterPanel extends VBox {

    private final WorkspaceViewModel vm;
    private final GridPane grid = new GridPane();

    public WorkspaceParameterPanel(WorkspaceViewModel vm) {
        this.vm = vm;
        setSpacing(6);
        setPadding(new Insets(8));
        Label title = new Label("Workspace parameters");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
        ComboBox<String> channel = new ComboBox<>(vm.channels());
        channel.setId("channel-choice");
        channel.valueProperty().bindBidirectional(vm.channelProperty());
        channel.setTooltip(new Tooltip("The channel whose samples are drawn"));
        HBox channelRow = new HBox(6, new Label("Channel"), channel);
        channelRow.setAlignment(Pos.CENTER_LEFT);
        grid.setHgap(4);
        grid.setVgap(2);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setPrefHeight(380);
        Button resetAll = new Button("Reset all");
        resetAll.setTooltip(new Tooltip("Every parameter back to its initial value"));
        resetAll.setOnAction(e -> vm.resetAll());
        HBox bottom = new HBox(resetAll);
        bottom.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(title, channelRow, scroll, bottom);
        vm.rows().addListener((ListChangeListener<WorkspaceViewModel.Row>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        grid.getChildren().clear();
        int row = 0;
        for (WorkspaceViewModel.Row r : vm.rows()) {
            Parameter p = r.parameter();
            Label name = new Label(p.name());
            name.setMinWidth(100);
            String kind = p.constrained() ? p.constraint().name().toLowerCase(Locale.ROOT) + "-constrained, prior width "
                    + fmt(p.priorSigma()) : "free (no constraint)";
            name.setTooltip(new Tooltip(p.name() + ": " + p.type() + ", " + kind + ", allowed [" + fmt(p.lo()) + ", "
                    + fmt(p.hi()) + "], initial " + fmt(p.init())));
            double lo = p.lo();
            double hi = p.hi();
            if (p.constrained() && Double.isFinite(p.priorSigma()) && p.priorSigma() > 0) {
                lo = Math.max(lo, p.centre() - 5 * p.priorSigma());
                hi = Math.min(hi, p.centre() + 5 * p.priorSigma());
            }
            Slider slider = new Slider(lo, hi, r.value().get());
            slider.setId("ws-slider-" + p.name());
            slider.setPrefWidth(170);
            slider.setBlockIncrement((hi - lo) / 50);
            slider.valueProperty().bindBidirectional(r.value());
            slider.setDisable(p.fixed());
            TextField field = new TextField(fmt(r.value().get()));
            field.setPrefColumnCount(6);
            field.setMinWidth(64);
            r.value().addListener((o, a, b) -> field.setText(fmt(b.doubleValue())));
            field.setOnAction(e -> {
                try {
                    r.value().set(Double.parseDouble(field.getText().trim()));
                } catch (NumberFormatException ex) {
                    field.setText(fmt(r.value().get()));
                }
            });
            Button minus = new Button("-1\u03c3");
            Button plus = new Button("+1\u03c3");
            minus.setMinWidth(Region.USE_PREF_SIZE);
            plus.setMinWidth(Region.USE_PREF_SIZE);
            boolean sigma = p.constrained() && Double.isFinite(p.priorSigma());
            minus.setDisable(!sigma);
            plus.setDisable(!sigma);
            minus.setOnAction(e -> r.value().set(Math.max(p.lo(), p.centre() - p.priorSigma())));
            plus.setOnAction(e -> r.value().set(Math.min(p.hi(), p.centre() + p.priorSigma())));
            CheckBox fix = new CheckBox("fix");
            fix.selectedProperty().bindBidirectional(r.fixed());
            fix.setTooltip(new Tooltip("Hold " + p.name() + " at this value in fits"));
            Button reset = new Button("\u21ba");
            reset.setTooltip(new Tooltip("Reset " + p.name() + " to " + fmt(p.init())));
            reset.setOnAction(e -> r.value().set(p.init()));
            grid.addRow(row++, name, slider, field, minus, plus, fix, reset);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "").replaceAll("\\.?0+e", "e");
    }
}
