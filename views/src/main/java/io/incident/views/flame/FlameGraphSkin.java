package io.incident.views.flame;

import io.incident.model.SampleType;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

import java.util.List;

/**
 * Toolbar (mode, sample type, diff scaling, search), breadcrumbs, the canvas (two in sandwich mode) and a status line.
 * Clicking a frame zooms on it; shift-click opens the sandwich of its function; in sandwich mode a click re-centres the
 * sandwich on the clicked function.
 */
final class FlameGraphSkin extends SkinBase<FlameGraphView> {
    private static final Font UI_FONT = Font.font(12.5);
    private final ComboBox<FlameMode> modeBox = new ComboBox<>(FXCollections.observableArrayList(FlameMode.values()));
    private final ComboBox<String> typeBox = new ComboBox<>();
    private final CheckBox normalised = new CheckBox("normalised");
    private final TextField searchField = new TextField();
    private final Label matched = new Label();
    private final HBox breadcrumbs = new HBox(2);
    private final FlameCanvas main = new FlameCanvas();
    private final FlameCanvas callers = new FlameCanvas();
    private final FlameCanvas callees = new FlameCanvas();
    private final Label callersTitle = new Label();
    private final Label calleesTitle = new Label();
    private final VBox sandwichPane = new VBox(callersTitle, callers, calleesTitle, callees);
    private final BorderPane root = new BorderPane();
    private final Label status = new Label();
    private boolean syncing;

    FlameGraphSkin(FlameGraphView view) {
        super(view);
        VBox top = new VBox(toolbar(view), breadcrumbs);
        top.setStyle("-fx-border-color: transparent transparent #dcdcdc transparent;");
        root.setTop(top);
        root.setCenter(main);
        root.setBottom(status);
        root.setBackground(new Background(new BackgroundFill(Color.WHITE, null, null)));
        breadcrumbs.setAlignment(Pos.CENTER_LEFT);
        breadcrumbs.setPadding(new Insets(2, 8, 4, 8));
        breadcrumbs.setId("flame-breadcrumbs");
        status.setId("flame-status");
        status.setFont(UI_FONT);
        status.setPadding(new Insets(4, 8, 4, 8));
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinHeight(24);
        status.setStyle("-fx-border-color: #dcdcdc transparent transparent transparent;");
        status.textProperty().bind(view.statusProperty());
        VBox.setVgrow(callers, Priority.ALWAYS);
        VBox.setVgrow(callees, Priority.ALWAYS);
        for (Label l : List.of(callersTitle, calleesTitle)) {
            l.setFont(UI_FONT);
            l.setPadding(new Insets(3, 8, 3, 8));
        }
        main.setId("flame-canvas");
        wireCanvases(view);
        getChildren().add(root);
        registerChangeListener(view.treeProperty(), o -> refresh());
        registerChangeListener(view.zoomNodeProperty(), o -> refresh());
        registerChangeListener(view.searchProperty(), o -> refresh());
        registerChangeListener(view.sandwichProperty(), o -> refresh());
        registerChangeListener(view.modeProperty(), o -> refresh());
        registerChangeListener(view.profileProperty(), o -> refreshTypes());
        refreshTypes();
        refresh();
    }

    private HBox toolbar(FlameGraphView view) {
        modeBox.setId("flame-mode");
        modeBox.valueProperty().bindBidirectional(view.modeProperty());
        typeBox.setId("flame-type");
        typeBox.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (!syncing && b.intValue() >= 0) {
                view.setSampleType(b.intValue());
            }
        });
        normalised.selectedProperty().bindBidirectional(view.diffNormalisedProperty());
        normalised.visibleProperty().bind(view.modeProperty().isEqualTo(FlameMode.DIFF));
        normalised.managedProperty().bind(normalised.visibleProperty());
        normalised.setMinWidth(Region.USE_PREF_SIZE);
        searchField.setId("flame-search");
        searchField.setPromptText("Search functions");
        searchField.setPrefColumnCount(18);
        searchField.textProperty().bindBidirectional(view.searchTextProperty());
        matched.setId("flame-matched");
        matched.textProperty().bind(view.matchedTextProperty());
        matched.setTextFill(Color.rgb(150, 20, 150));
        matched.setMinWidth(110);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, caption("View"), modeBox, caption("Sample type"), typeBox, normalised, spacer,
                searchField, matched);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 4, 8));
        for (Node n : bar.getChildren()) {
            if (n instanceof Label l) {
                l.setFont(UI_FONT);
            }
        }
        return bar;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setTextFill(Color.rgb(80, 80, 80));
        return l;
    }

    private void wireCanvases(FlameGraphView view) {
        main.setOnNodeClicked((node, e) -> clickMain(view, node, e));
        main.setOnNodeHovered((node, e) -> view.hover(view.getTree(), node, wholeOf(view.getTree(), view.getZoomNode())));
        callers.setOnNodeClicked((node, e) -> recentre(view, tree(view, true), node, e));
        callees.setOnNodeClicked((node, e) -> recentre(view, tree(view, false), node, e));
        callers.setOnNodeHovered((node, e) -> view.hover(tree(view, true), node, wholeOf(tree(view, true), 0)));
        callees.setOnNodeHovered((node, e) -> view.hover(tree(view, false), node, wholeOf(tree(view, false), 0)));
    }

    private static void recentre(FlameGraphView view, FlameTree half, int node, MouseEvent e) {
        if (half != null && e.getButton() == MouseButton.PRIMARY) {
            view.setSandwichFunction(half.name(node));
        }
    }

    private static FlameTree tree(FlameGraphView view, boolean ofCallers) {
        FlameSandwich s = view.getSandwich();
        return s == null ? null : ofCallers ? s.callers() : s.callees();
    }

    private static long wholeOf(FlameTree t, int zoom) {
        return t == null || zoom >= t.size() ? 0 : t.total(zoom);
    }

    private static void clickMain(FlameGraphView view, int node, MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || view.getTree() == null) {
            return;
        }
        if (e.isShiftDown()) {
            view.showSandwich(view.getTree().name(node));
        } else {
            view.zoomTo(node);
        }
    }

    private void refreshTypes() {
        FlameProfile p = getSkinnable().getProfile();
        syncing = true;
        typeBox.getItems().setAll(p == null ? List.of()
                : p.track().types().stream().map(FlameGraphSkin::typeLabel).toList());
        int t = getSkinnable().getSampleType();
        if (p != null) {
            typeBox.getSelectionModel().select(t >= 0 && t < p.track().types().size() ? t : p.track().defaultType());
        }
        syncing = false;
    }

    private static String typeLabel(SampleType t) {
        return t.unit().isEmpty() ? t.type() : t.type() + " (" + t.unit() + ")";
    }

    private void refresh() {
        FlameGraphView view = getSkinnable();
        boolean sandwichMode = view.getMode() == FlameMode.SANDWICH;
        root.setCenter(sandwichMode ? sandwichPane : main);
        if (sandwichMode) {
            FlameSandwich s = view.getSandwich();
            String fn = view.getSandwichFunction();
            callersTitle.setText(fn.isEmpty() ? "Shift-click a frame in the flame view to see its callers and callees"
                    : "Callers of " + fn);
            calleesTitle.setText(fn.isEmpty() ? "" : "Callees of " + fn);
            FlameSearch search = view.getSearch();
            callers.show(s == null ? null : s.callers(), 0, false, view.colours(s == null ? null : s.callers()), null);
            callees.show(s == null ? null : s.callees(), 0, true, view.colours(s == null ? null : s.callees()), search);
        } else {
            FlameTree t = view.getTree();
            main.show(t, view.getZoomNode(), view.getMode() == FlameMode.ICICLE, view.colours(t), view.getSearch());
        }
        refreshBreadcrumbs(view, sandwichMode);
    }

    private void refreshBreadcrumbs(FlameGraphView view, boolean sandwichMode) {
        breadcrumbs.getChildren().clear();
        FlameTree t = view.getTree();
        if (sandwichMode) {
            Hyperlink back = new Hyperlink("\u2190 flame graph");
            back.setOnAction(e -> view.setMode(FlameMode.FLAME));
            breadcrumbs.getChildren().addAll(back, crumbLabel(view.getSandwichFunction()));
            return;
        }
        if (t == null) {
            breadcrumbs.getChildren().add(crumbLabel("no profile"));
            return;
        }
        int[] path = t.pathTo(Math.min(view.getZoomNode(), t.size() - 1));
        for (int i = 0; i < path.length; i++) {
            int node = path[i];
            if (i > 0) {
                breadcrumbs.getChildren().add(crumbLabel("\u203a"));
            }
            if (i == path.length - 1) {
                breadcrumbs.getChildren().add(crumbLabel(t.name(node)));
            } else {
                Hyperlink link = new Hyperlink(t.name(node));
                link.setFont(UI_FONT);
                link.setOnAction(e -> view.zoomTo(node));
                breadcrumbs.getChildren().add(link);
            }
        }
    }

    private static Label crumbLabel(String text) {
        Label l = new Label(text);
        l.setFont(Font.font(UI_FONT.getFamily(), FontWeight.BOLD, UI_FONT.getSize()));
        l.setPadding(new Insets(0, 4, 0, 4));
        return l;
    }
}
