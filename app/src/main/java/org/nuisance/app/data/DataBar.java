package org.nuisance.app.data;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.nuisance.engine.workbench.DataSpec;
import org.nuisance.engine.workbench.Source;

/** Above the views: which data is drawn and fitted, its seed, "truth from sliders", and its name. */
public final class DataBar extends HBox {

    public DataBar(DataViewModel vm, javafx.beans.value.ObservableValue<? extends Source> source) {
        ComboBox<DataViewModel.Kind> kind = new ComboBox<>(FXCollections.observableArrayList(DataViewModel.Kind.values()));
        kind.setId("data-choice");
        kind.setMinWidth(190);
        kind.setValue(DataViewModel.Kind.of(vm.specProperty().get()));
        kind.setTooltip(new Tooltip("The data drawn as black points and fitted. It stays fixed while the sliders"
                + " move: a pseudo- or Asimov dataset takes the sliders' values when it is chosen as its truth."));
        kind.valueProperty().addListener((o, a, k) -> {
            if (k != null) {
                vm.choose(k);
            }
        });
        Spinner<Integer> seed = new Spinner<>(1, 1_000_000, (int) vm.seed());
        seed.setId("data-seed");
        seed.setEditable(true);
        seed.setMinWidth(100);
        seed.setPrefWidth(100);
        seed.setTooltip(new Tooltip("Seed of the pseudo-dataset: the same truth and seed give the same counts"));
        seed.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.setSeed(b);
            }
        });
        Button truth = new Button("Truth from sliders");
        truth.setId("truth-from-sliders");
        truth.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        truth.setTooltip(new Tooltip("Makes the pseudo- or Asimov dataset again with the sliders' current values as truth"));
        truth.setOnAction(e -> vm.truthFromSliders());
        Label name = new Label();
        name.setId("data-name");
        name.setMinWidth(0);
        HBox.setHgrow(name, Priority.ALWAYS);
        name.setMaxWidth(Double.MAX_VALUE);
        Runnable update = () -> {
            DataSpec s = vm.specProperty().get();
            kind.setValue(DataViewModel.Kind.of(s));
            // only what applies to the chosen data: a seed for pseudo-data, a truth for pseudo- and Asimov data
            seed.setVisible(s instanceof DataSpec.PseudoData);
            seed.setManaged(seed.isVisible());
            truth.setVisible(!(s instanceof DataSpec.Observed));
            truth.setManaged(truth.isVisible());
            if (s instanceof DataSpec.PseudoData p && seed.getValue() != p.seed()) {
                seed.getValueFactory().setValue((int) p.seed());
            }
            String text = s.describe(source.getValue());
            name.setText(text);
            name.setTooltip(new Tooltip(text));
        };
        vm.specProperty().addListener((o, a, b) -> update.run());
        source.addListener((o, a, b) -> update.run());
        update.run();
        Label title = new Label("Data");
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(title, kind, seed, truth, name);
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 6, 0, 6));
    }
}
