package org.nuisance.app.likelihood;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Impacts;
import org.nuisance.engine.stats.fit.ProfileScan;

/**
 * The likelihood view: -2 Delta ln L versus mu (profiled, with the nuisance parameters frozen at the
 * sliders, and stat-only) with the 1 and 2 sigma lines and the intervals printed; the pulls; the
 * impact ranking; and the correlation matrix. Fit moves the sliders to the best fit.
 */
public final class LikelihoodView extends BorderPane {

    private final LikelihoodViewModel vm;
    private final XYSeriesCollection scans = new XYSeriesCollection();
    private final JFreeChart scanChart;
    private final XYIntervalSeriesCollection pulls = new XYIntervalSeriesCollection();
    private final XYPlot pullPlot;
    private final XYPlot corrPlot;
    private final Label summary = new Label();
    private final org.jfree.chart.title.TextTitle dataTitle = new org.jfree.chart.title.TextTitle("");
    private final TableView<Impacts.Impact> impacts = new TableView<>();

    public LikelihoodView(LikelihoodViewModel vm) {
        this.vm = vm;
        Button fit = new Button("Fit");
        fit.setId("fit-button");
        fit.setTooltip(new Tooltip("Maximum-likelihood fit of all parameters to the data; moves every slider to its"
                + " best-fit value (Ctrl+F)"));
        fit.setOnAction(e -> vm.fitAndMoveSliders());
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(18, 18);
        spin.visibleProperty().bind(vm.busyProperty());
        Label status = new Label();
        status.setId("likelihood-status");
        status.textProperty().bind(vm.statusProperty());
        javafx.scene.control.ComboBox<String> scan = new javafx.scene.control.ComboBox<>(vm.scannable());
        scan.setId("scan-parameter");
        scan.setTooltip(new Tooltip("The parameter whose profile likelihood is drawn: the signal strength, or any"
                + " nuisance parameter (in units of its prior width)"));
        scan.valueProperty().bindBidirectional(vm.scannedProperty());
        scan.setPromptText("the POI");
        javafx.scene.control.Spinner<Integer> toys = new javafx.scene.control.Spinner<>(10, 100_000, 200, 50);
        toys.setId("toys-spinner");
        toys.setEditable(true);
        toys.setPrefWidth(90);
        toys.setTooltip(new Tooltip("Pseudo-experiments to run: each draws mu and the nuisance parameters from the"
                + " challenge's laws, bootstraps the events, fits, and checks whether the 68% interval covers the truth"));
        Button runToys = new Button("Pseudo-experiments");
        runToys.setId("toys-button");
        runToys.setTooltip(toys.getTooltip());
        runToys.setOnAction(e -> vm.runPseudoExperiments(toys.getValue(), 1));
        javafx.scene.control.ProgressBar toysProgress = new javafx.scene.control.ProgressBar();
        toysProgress.setPrefWidth(120);
        Button cancelToys = new Button("Cancel");
        cancelToys.setId("toys-cancel");
        cancelToys.setOnAction(e -> vm.cancelPseudoExperiments());
        HBox toysRunning = new HBox(4, toysProgress, cancelToys);
        toysRunning.setAlignment(Pos.CENTER_LEFT);
        toysRunning.setVisible(false);
        vm.toysTaskProperty().addListener((o, a, task) -> {
            toysRunning.setVisible(task != null);
            toysProgress.progressProperty().unbind();
            if (task != null) {
                toysProgress.progressProperty().bind(task.progressProperty());
            }
        });
        runToys.disableProperty().bind(vm.toysAvailableProperty().not().or(toysRunning.visibleProperty()));
        Label toysSummary = new Label();
        toysSummary.setWrapText(true);
        toysSummary.setMinWidth(0);
        HBox.setHgrow(toysSummary, javafx.scene.layout.Priority.ALWAYS);
        toysSummary.setId("toys-summary");
        toysSummary.textProperty().bind(vm.toysSummaryProperty());
        Button cancelScan = new Button("Cancel");
        cancelScan.setId("scan-cancel");
        cancelScan.setTooltip(new Tooltip("Stop waiting for this fit and scan; the plots keep the last result"));
        cancelScan.visibleProperty().bind(vm.busyProperty());
        cancelScan.setOnAction(e -> vm.cancel());
        fit.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        runToys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        cancelScan.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        cancelToys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        toys.setMinWidth(90);
        scan.setMinWidth(140);
        status.setMinWidth(0);
        status.setMaxWidth(Double.MAX_VALUE);
        status.setWrapText(true);
        HBox.setHgrow(status, javafx.scene.layout.Priority.ALWAYS);
        status.textProperty().addListener((o, a, b) -> status.setTooltip(new Tooltip(b)));
        Label scanLabel = new Label("Scan");
        scanLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, fit, scanLabel, scan, spin, cancelScan, status);
        HBox toysBar = new HBox(8, toys, runToys, org.nuisance.app.cluster.CoverageRunner.button(vm, toys::getValue),
                toysRunning, toysSummary);
        toysBar.setAlignment(Pos.CENTER_LEFT);
        toysBar.setPadding(new Insets(0, 6, 6, 6));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        Label warnings = new Label();
        warnings.setId("likelihood-warnings");
        warnings.setWrapText(true);
        warnings.setStyle("-fx-text-fill: #8a5300; -fx-padding: 0 8 4 8;");
        Runnable showWarnings = () -> {
            java.util.List<String> all = new java.util.ArrayList<>(vm.warnings());
            if (vm.toysWarningProperty().get() != null) {
                all.add(vm.toysWarningProperty().get());
            }
            warnings.setText(all.isEmpty() ? "" : "\u26a0 " + String.join("\n\u26a0 ", all));
            warnings.setVisible(!all.isEmpty());
            warnings.setManaged(!all.isEmpty());
        };
        vm.warnings().addListener((javafx.collections.ListChangeListener<String>) c -> showWarnings.run());
        vm.toysWarningProperty().addListener((o, a, b) -> showWarnings.run());
        showWarnings.run();
        setTop(new VBox(bar, toysBar, warnings));

        NumberAxis mu = new NumberAxis("\u03bc (signal strength)");
        mu.setAutoRangeIncludesZero(false);
        NumberAxis t = new NumberAxis("\u22122 \u0394 ln L");
        t.setRange(0, 6);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setSeriesPaint(0, Color.BLACK);
        lines.setSeriesStroke(0, new BasicStroke(2.2f));
        lines.setSeriesPaint(1, new Color(0x1F77B4));
        lines.setSeriesStroke(1, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 5}, 0));
        lines.setSeriesPaint(2, new Color(0xD62728));
        lines.setSeriesStroke(2, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {2, 4}, 0));
        XYPlot scanPlot = new XYPlot(scans, mu, t, lines);
        for (double level : new double[] {ProfileScan.LEVEL_68, ProfileScan.LEVEL_95}) {
            ValueMarker m = new ValueMarker(level, Color.GRAY, new BasicStroke(1f));
            m.setLabel(level == ProfileScan.LEVEL_68 ? "68%" : "95%");
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            scanPlot.addRangeMarker(m);
        }
        scanChart = org.nuisance.app.plots.ChartStyle.chart("Profile likelihood of \u03bc", scanPlot, true);
        ChartViewer scanViewer = new ChartViewer(scanChart);
        scanViewer.setId("scan-chart");
        summary.setId("scan-summary");
        summary.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        summary.setPadding(new Insets(4, 8, 4, 8));
        summary.setWrapText(true);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox scanBox = new VBox(scanViewer, summary);
        VBox.setVgrow(scanViewer, Priority.ALWAYS);

        NumberAxis pullAxis = new NumberAxis("(\u03b8\u0302 \u2212 \u03b8\u2080) / \u0394\u03b8");
        pullAxis.setRange(-3, 3);
        XYErrorRenderer pullRenderer = new XYErrorRenderer();
        pullRenderer.setDrawYError(false);
        pullRenderer.setDefaultLinesVisible(false);
        pullRenderer.setSeriesPaint(0, Color.BLACK);
        pullRenderer.setErrorPaint(Color.BLACK);
        pullRenderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
        pullPlot = new XYPlot(pulls, pullAxis, new SymbolAxis("", new String[0]), pullRenderer);
        pullPlot.addDomainMarker(new IntervalMarker(-2, 2, new Color(0xFFF3B0)), org.jfree.chart.ui.Layer.BACKGROUND);
        pullPlot.addDomainMarker(new IntervalMarker(-1, 1, new Color(0xB8E6B0)), org.jfree.chart.ui.Layer.BACKGROUND);
        JFreeChart pullChart = org.nuisance.app.plots.ChartStyle.chart("Pulls and constraints", pullPlot, false);
        ChartViewer pullViewer = new ChartViewer(pullChart);
        pullViewer.setId("pull-chart");

        TableColumn<Impacts.Impact, String> name = new TableColumn<>("Parameter");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        name.setPrefWidth(120);
        name.setMinWidth(100);
        impacts.getColumns().add(name);
        impacts.getColumns().add(number("pull", Impacts.Impact::pull));
        impacts.getColumns().add(number("constraint", Impacts.Impact::constraint));
        impacts.getColumns().add(number("pre +", Impacts.Impact::prefitUp));
        impacts.getColumns().add(number("pre \u2212", Impacts.Impact::prefitDown));
        impacts.getColumns().add(number("post +", Impacts.Impact::postfitUp));
        impacts.getColumns().add(number("post \u2212", Impacts.Impact::postfitDown));
        impacts.setId("impact-table");
        impacts.setTooltip(new Tooltip("How far mu-hat moves when one nuisance parameter is held one sigma (prior or"
                + " fitted) away from its best fit and the rest refitted; largest first"));
        impacts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        Label impactTitle = new Label("Impact on \u03bc (\u00b11\u03c3 pre-/post-fit), ranked");
        impactTitle.setStyle("-fx-font-weight: bold;");
        VBox impactBox = new VBox(4, impactTitle, impacts);
        impactBox.setPadding(new Insets(4, 8, 4, 8));
        VBox.setVgrow(impacts, Priority.ALWAYS);

        XYBlockRenderer blocks = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(-1.0001, 1.0001, Color.WHITE);
        for (int k = 0; k <= 40; k++) {
            double c = -1 + k / 20.0;
            scale.add(c - 0.025, heat(c));
        }
        blocks.setPaintScale(scale);
        corrPlot = new XYPlot(new DefaultXYZDataset(), new SymbolAxis("", new String[0]), new SymbolAxis("", new String[0]), blocks);
        JFreeChart corrChart = org.nuisance.app.plots.ChartStyle.chart("Correlation matrix", corrPlot, false);
        ChartViewer corrViewer = new ChartViewer(corrChart);
        corrViewer.setId("correlation-chart");

        GridPane grid = new GridPane();
        grid.add(scanBox, 0, 0);
        grid.add(pullViewer, 1, 0);
        grid.add(impactBox, 0, 1);
        grid.add(corrViewer, 1, 1);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        RowConstraints top = new RowConstraints();
        top.setPercentHeight(55);
        RowConstraints bottom = new RowConstraints();
        bottom.setPercentHeight(45);
        grid.getColumnConstraints().addAll(half, half);
        grid.getRowConstraints().addAll(top, bottom);
        setCenter(grid);

        vm.resultProperty().addListener((o, a, r) -> show(r));
    }

    private static TableColumn<Impacts.Impact, String> number(String title,
                                                              java.util.function.ToDoubleFunction<Impacts.Impact> f) {
        TableColumn<Impacts.Impact, String> c = new TableColumn<>(title);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(String.format(Locale.ROOT, "%+.3f", f.applyAsDouble(x.getValue()))));
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        // wide enough for "+0.000" and its title: the table scrolls sideways instead of cutting numbers
        double width = Math.max(74, 9 * title.length() + 14);
        c.setMinWidth(width);
        c.setPrefWidth(width);
        return c;
    }

    private static Color heat(double c) {
        double a = Math.min(1, Math.abs(c));
        int fade = (int) Math.round(255 * (1 - a));
        return c < 0 ? new Color(fade, fade, 255) : new Color(255, fade, fade);
    }

    private void show(LikelihoodViewModel.Result r) {
        if (r == null) {
            return;
        }
        org.nuisance.engine.stats.fit.LikelihoodSummary s = r.summary();
        scanChart.setNotify(false);
        scans.removeAllSeries();
        scans.addSeries(series("profiled", s.profiled()));
        scans.addSeries(series("NPs frozen at the sliders", s.frozen()));
        scans.addSeries(series("stat. only", s.statOnly()));
        String param = s.profiled().parameter();
        ((XYPlot) scanChart.getPlot()).getDomainAxis().setLabel(param.equals("mu") ? "\u03bc (signal strength)" : param);
        scanChart.setTitle("Profile likelihood of " + (param.equals("mu") ? "\u03bc" : param));
        if (dataTitle.getText().isEmpty()) {
            dataTitle.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            scanChart.addSubtitle(0, dataTitle);
        }
        dataTitle.setText(r.analysis().dataLabel());
        ((XYPlot) scanChart.getPlot()).getDomainAxis().setAutoRange(true);
        scanChart.setNotify(true);
        summary.setText(line("profiled", s.profiled()) + "\n" + line("frozen  ", s.frozen()) + "\n"
                + line("stat    ", s.statOnly()));

        List<Impacts.Impact> list = s.impacts();
        String[] names = new String[list.size()];
        XYIntervalSeries p = new XYIntervalSeries("pull");
        for (int k = 0; k < list.size(); k++) {
            Impacts.Impact im = list.get(k);
            int y = list.size() - 1 - k;
            names[y] = im.name();
            p.add(im.pull(), im.pull() - im.constraint(), im.pull() + im.constraint(), y, y, y);
        }
        pullPlot.setRangeAxis(new SymbolAxis("", names));
        pulls.removeAllSeries();
        pulls.addSeries(p);
        impacts.getItems().setAll(list);

        FitResult fit = s.fit();
        int n = fit.names().size();
        double[][] corr = fit.correlation();
        java.util.List<Integer> shown = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(corr[i][i])) {
                shown.add(i);
            }
        }
        int m = shown.size();
        double[][] xyz = new double[3][m * m];
        String[] labels = new String[m];
        corrPlot.clearAnnotations();
        for (int a = 0; a < m; a++) {
            labels[a] = fit.names().get(shown.get(a));
            for (int b = 0; b < m; b++) {
                int k = a * m + b;
                double c = corr[shown.get(a)][shown.get(b)];
                xyz[0][k] = a;
                xyz[1][k] = m - 1 - b;
                xyz[2][k] = c;
                XYTextAnnotation text = new XYTextAnnotation(String.format(Locale.ROOT, "%.2f", c), a, m - 1 - b);
                text.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                corrPlot.addAnnotation(text, false);
            }
        }
        String[] yLabels = new String[m];
        for (int b = 0; b < m; b++) {
            yLabels[m - 1 - b] = labels[b];
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("correlation", xyz);
        SymbolAxis x = new SymbolAxis("", labels);
        x.setVerticalTickLabels(true);
        corrPlot.setDomainAxis(x);
        corrPlot.setRangeAxis(new SymbolAxis("", yLabels));
        corrPlot.setDataset(data);
    }

    private static XYSeries series(String name, ProfileScan.Result r) {
        XYSeries s = new XYSeries(name, true, false);
        for (int i = 0; i < r.values().length; i++) {
            s.add(r.values()[i], Math.min(r.twiceDeltaNll()[i], 50));
        }
        return s;
    }

    private static String line(String label, ProfileScan.Result r) {
        return String.format(Locale.ROOT, "%s best=%.3f  68%% %s  95%% %s", label, r.best(),
                interval(r.interval68()), interval(r.interval95()));
    }

    /** An interval, with an end outside the scanned range said in words instead of "NaN". */
    private static String interval(double[] i) {
        return "[" + end(i[0]) + ", " + end(i[1]) + "]";
    }

    private static String end(double v) {
        return Double.isNaN(v) ? "beyond the scan" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** The fitted data's name as the scan chart shows it. */
    public String fittedDataLabel() {
        return dataTitle.getText();
    }

    public JFreeChart scanChart() {
        return scanChart;
    }

    public TableView<Impacts.Impact> impactTable() {
        return impacts;
    }

}
