package org.nuisance.app.nuisance;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.nuisance.engine.higgsml.NuisanceParameter;

/** One row per nuisance parameter: name, slider, value field, -1 sigma / +1 sigma, fix toggle, reset. */
public final class NuisancePanel extends VBox {

    public NuisancePanel(NuisanceViewModel vm) {
        setSpacing(6);
        setPadding(new Insets(8));
        Label title = new Label("Nuisance parameters");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
        GridPane grid = new GridPane();
        grid.setHgap(4);
        grid.setVgap(2);
        int row = 0;
        for (NuisanceParameter p : NuisanceParameter.values()) {
            Label name = new Label(p.key());
            name.setTooltip(new Tooltip(p.label() + ": " + p.description() + " Nominal " + fmt(p.nominal())
                    + ", allowed [" + fmt(p.min()) + ", " + fmt(p.max()) + "]."));
            name.setMinWidth(100);
            Slider slider = new Slider(p.min(), p.max(), p.nominal());
            slider.setId("slider-" + p.key());
            slider.setShowTickMarks(true);
            slider.setMajorTickUnit(p.max() - p.nominal() > 0 && p.nominal() > p.min() ? p.nominal() - p.min() : (p.max() - p.min()) / 2);
            slider.setMinorTickCount(4);
            // fine keyboard steps: half a sigma, and never more than 2% of the range
            slider.setBlockIncrement(p.sigma() > 0 ? Math.min(p.sigma() / 2, (p.max() - p.min()) / 50)
                    : (p.max() - p.min()) / 50);
            // at least 200 px: a 20 px drag is then well under a sigma of tes
            slider.setMinWidth(200);
            slider.setPrefWidth(240);
            slider.setTooltip(new Tooltip(p.description() + " Arrow keys move it by half a sigma; the centre tick is nominal."));
            slider.valueProperty().bindBidirectional(vm.value(p));
            HBox.setHgrow(slider, Priority.ALWAYS);

            TextField field = new TextField(fmt(p.nominal()));
            field.setId("field-" + p.key());
            field.setPrefColumnCount(6);
            field.setMinWidth(64);
            field.setTooltip(new Tooltip("Type a value and press Enter"));
            vm.value(p).addListener((obs, o, n) -> field.setText(fmt(n.doubleValue())));
            field.setOnAction(e -> {
                try {
                    vm.value(p).set(Double.parseDouble(field.getText().trim()));
                } catch (NumberFormatException ex) {
                    field.setText(fmt(vm.value(p).get()));
                }
            });

            Button minus = new Button("-1\u03c3");
            minus.setId("minus-" + p.key());
            minus.setTooltip(new Tooltip("Set " + p.key() + " one standard deviation of its constraint below nominal"));
            minus.setOnAction(e -> vm.setSigma(p, -1));
            Button plus = new Button("+1\u03c3");
            plus.setId("plus-" + p.key());
            plus.setTooltip(new Tooltip("Set " + p.key() + " one standard deviation of its constraint above nominal"));
            plus.setOnAction(e -> vm.setSigma(p, +1));
            minus.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            plus.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            if (p.sigma() == 0) {
                minus.setDisable(true);
                plus.setDisable(true);
            }
            CheckBox fix = new CheckBox("fix");
            fix.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            fix.setTooltip(new Tooltip("Hold " + p.key() + " at this value in fits instead of letting it float"));
            fix.selectedProperty().bindBidirectional(vm.fixed(p));
            Button reset = new Button("\u21ba");
            reset.setId("reset-" + p.key());
            reset.setTooltip(new Tooltip("Reset " + p.key() + " to its nominal value " + fmt(p.nominal())));
            reset.setOnAction(e -> vm.reset(p));
            reset.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);

            grid.addRow(row++, name, slider, field, minus, plus, fix, reset);
        }
        Button resetAll = new Button("Reset all");
        resetAll.setId("reset-all");
        resetAll.setTooltip(new Tooltip("Every parameter back to nominal (Ctrl+R)"));
        resetAll.setOnAction(e -> vm.resetAll());
        HBox bottom = new HBox(resetAll);
        bottom.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(title, grid, bottom);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "").replaceAll("\\.?0+e", "e");
    }
}
