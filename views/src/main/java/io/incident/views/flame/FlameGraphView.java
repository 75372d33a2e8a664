package io.incident.views.flame;

import io.incident.model.SampleType;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.IntUnaryOperator;

/**
 * A flame graph of a {@link FlameProfile}: flame, icicle, sandwich of one function, or diff against a baseline. The
 * control holds the state as properties; {@link FlameGraphSkin} draws it. Trees are built on the executor given to the
 * constructor (the app passes its background executor) and applied on the JavaFX thread.
 */
public class FlameGraphView extends Control {
    private final Executor buildExecutor;
    private final ObjectProperty<FlameProfile> profile = new SimpleObjectProperty<>(this, "profile");
    private final ObjectProperty<FlameProfile> baseline = new SimpleObjectProperty<>(this, "baseline");
    private final IntegerProperty sampleType = new SimpleIntegerProperty(this, "sampleType", -1);
    private final ObjectProperty<FlameFilter> filter = new SimpleObjectProperty<>(this, "filter", FlameFilter.ALL);
    private final ObjectProperty<FlameMode> mode = new SimpleObjectProperty<>(this, "mode", FlameMode.FLAME);
    private final BooleanProperty diffNormalised = new SimpleBooleanProperty(this, "diffNormalised", true);
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final StringProperty sandwichFunction = new SimpleStringProperty(this, "sandwichFunction", "");
    private final IntegerProperty zoomNode = new SimpleIntegerProperty(this, "zoomNode", FlameTree.ROOT);
    private final ReadOnlyObjectWrapper<FlameTree> tree = new ReadOnlyObjectWrapper<>(this, "tree");
    private final ReadOnlyObjectWrapper<FlameDiff> diff = new ReadOnlyObjectWrapper<>(this, "diff");
    private final ReadOnlyObjectWrapper<FlameSandwich> sandwich = new ReadOnlyObjectWrapper<>(this, "sandwich");
    private final ReadOnlyObjectWrapper<FlameSearch> search = new ReadOnlyObjectWrapper<>(this, "search");
    private final ReadOnlyStringWrapper matchedText = new ReadOnlyStringWrapper(this, "matchedText", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private FlameTree profileTree;
    private FlameTree baselineTree;
    private long generation;

    /** Builds trees on the calling (JavaFX) thread; fine for small profiles and tests. */
    public FlameGraphView() {
        this(Runnable::run);
    }

    /** @param buildExecutor runs tree building off the JavaFX thread, e.g. the app's background executor */
    public FlameGraphView(Executor buildExecutor) {
        this.buildExecutor = Objects.requireNonNull(buildExecutor, "buildExecutor");
        getStyleClass().add("flame-graph-view");
        profile.addListener((o, a, b) -> rebuild());
        baseline.addListener((o, a, b) -> rebuild());
        sampleType.addListener((o, a, b) -> rebuild());
        filter.addListener((o, a, b) -> rebuild());
        mode.addListener((o, a, b) -> derive());
        diffNormalised.addListener((o, a, b) -> derive());
        sandwichFunction.addListener((o, a, b) -> derive());
        zoomNode.addListener((o, a, b) -> research());
        searchText.addListener((o, a, b) -> research());
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new FlameGraphSkin(this);
    }

    private void rebuild() {
        FlameProfile p = getProfile();
        FlameProfile base = getBaseline();
        int type = getSampleType();
        FlameFilter f = getFilter();
        long gen = ++generation;
        buildExecutor.execute(() -> {
            FlameTree built = p == null ? null : p.build(type, f);
            FlameTree builtBase = base == null || p == null ? null : base.build(matchingType(p, base, type), f);
            onFxThread(() -> {
                if (gen == generation) {
                    profileTree = built;
                    baselineTree = builtBase;
                    derive();
                }
            });
        });
    }

    /** The baseline's sample type with the same name as the profile's, else the baseline's default. */
    private static int matchingType(FlameProfile p, FlameProfile base, int type) {
        int t = type >= 0 && type < p.track().types().size() ? type : p.track().defaultType();
        int same = base.track().types().indexOf(p.track().types().get(t));
        return same >= 0 ? same : base.track().defaultType();
    }

    private static void onFxThread(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /** Recomputes what the current mode shows from the built trees. */
    private void derive() {
        FlameDiff d = null;
        FlameSandwich s = null;
        FlameTree shown = profileTree;
        if (getMode() == FlameMode.DIFF && profileTree != null && baselineTree != null) {
            d = FlameDiff.of(baselineTree, profileTree, isDiffNormalised());
            shown = d.tree();
        } else if (getMode() == FlameMode.SANDWICH && profileTree != null) {
            s = FlameSandwich.of(profileTree, getSandwichFunction());
        }
        search.set(null);
        diff.set(d);
        sandwich.set(s);
        zoomNode.set(FlameTree.ROOT);
        tree.set(shown);
        research();
    }

    private void research() {
        FlameTree t = searchTarget();
        if (t == null || getZoomNode() >= t.size()) {
            search.set(null);
            matchedText.set("");
            return;
        }
        FlameSearch result = FlameSearch.of(t, getSearchText(), getMode() == FlameMode.SANDWICH ? 0 : getZoomNode());
        search.set(result);
        matchedText.set(getSearchText().isBlank() ? ""
                : String.format(Locale.ROOT, "matched: %.1f%%", result.percent()));
    }

    private FlameTree searchTarget() {
        return getMode() == FlameMode.SANDWICH && getSandwich() != null ? getSandwich().callees() : getTree();
    }

    /** Zooms on a node of {@link #getTree()}. */
    public void zoomTo(int node) {
        if (getTree() != null && node >= 0 && node < getTree().size()) {
            zoomNode.set(node);
        }
    }

    public void resetZoom() {
        zoomNode.set(FlameTree.ROOT);
    }

    /** Switches to the sandwich of one function (callers above, callees below). */
    public void showSandwich(String function) {
        setSandwichFunction(function);
        setMode(FlameMode.SANDWICH);
    }

    /** Called by the skin while the mouse is over a node of {@code shownTree} ({@code node} -1: over nothing). */
    void hover(FlameTree shownTree, int node, long whole) {
        if (shownTree == null || node < 0) {
            status.set("");
            return;
        }
        String text = FlameFormat.describe(shownTree, node, whole, currentType());
        FlameDiff d = getDiff();
        if (d != null && shownTree == d.tree()) {
            text = shownTree.name(node) + " \u2014 baseline " + FlameFormat.value(d.baseline(node), currentType())
                    + ", now " + FlameFormat.value(d.comparison(node), currentType())
                    + String.format(Locale.ROOT, " (%+.1f%%)", 100 * d.change(node));
        }
        status.set(text);
    }

    /** The sample type of the shown values, or null without a profile. */
    public SampleType currentType() {
        FlameProfile p = getProfile();
        if (p == null) {
            return null;
        }
        List<SampleType> types = p.track().types();
        int t = getSampleType();
        return types.get(t >= 0 && t < types.size() ? t : p.track().defaultType());
    }

    /** Fill of a node of the shown tree: diff colours in diff mode, else warm by package. */
    IntUnaryOperator colours(FlameTree shownTree) {
        FlameDiff d = getDiff();
        if (d != null && shownTree == d.tree()) {
            return d::colour;
        }
        return n -> FlamePalette.warm(shownTree.name(n));
    }

    /** The current view (zoom included) as a self-contained SVG {@code width} pixels wide; in sandwich mode, the callees. */
    public String exportSvg(double width) {
        FlameTree t = searchTarget();
        if (t == null) {
            return FlameSvg.render(FlameLayout.compute(emptyTree(), 0, width, 1), "empty", false, n -> 0, n -> "");
        }
        int zoom = getMode() == FlameMode.SANDWICH ? FlameTree.ROOT : getZoomNode();
        FlameLayout layout = FlameLayout.compute(t, zoom, width, 1.0);
        IntUnaryOperator colours = colours(t);
        FlameSearch s = getSearch();
        IntUnaryOperator fill = s == null ? colours : n -> s.matches(n) ? FlamePalette.MATCH : colours.applyAsInt(n);
        String title = (getProfile() == null ? "" : getProfile().track().name()) + " \u2014 " + getMode();
        return FlameSvg.render(layout, title, getMode() == FlameMode.ICICLE || getMode() == FlameMode.SANDWICH, fill,
                n -> FlameFormat.describe(t, n, t.total(zoom), currentType()));
    }

    /** The current view (zoom included) as folded stacks; in sandwich mode, the callees. */
    public String exportFolded() {
        FlameTree t = searchTarget();
        if (t == null) {
            return "";
        }
        return FoldedStacks.toString(t, getMode() == FlameMode.SANDWICH ? FlameTree.ROOT : getZoomNode());
    }

    private static FlameTree emptyTree() {
        return new NodeAccumulator(FlameTreeBuilder.ROOT_NAME, 1, 1).build();
    }

    public final ObjectProperty<FlameProfile> profileProperty() {
        return profile;
    }

    public final FlameProfile getProfile() {
        return profile.get();
    }

    public final void setProfile(FlameProfile value) {
        profile.set(value);
    }

    /** The profile a diff compares against. */
    public final ObjectProperty<FlameProfile> baselineProperty() {
        return baseline;
    }

    public final FlameProfile getBaseline() {
        return baseline.get();
    }

    public final void setBaseline(FlameProfile value) {
        baseline.set(value);
    }

    /** Index into the track's sample types; -1 for the track's default. */
    public final IntegerProperty sampleTypeProperty() {
        return sampleType;
    }

    public final int getSampleType() {
        return sampleType.get();
    }

    public final void setSampleType(int value) {
        sampleType.set(value);
    }

    public final ObjectProperty<FlameFilter> filterProperty() {
        return filter;
    }

    public final FlameFilter getFilter() {
        return filter.get();
    }

    public final void setFilter(FlameFilter value) {
        filter.set(value == null ? FlameFilter.ALL : value);
    }

    public final ObjectProperty<FlameMode> modeProperty() {
        return mode;
    }

    public final FlameMode getMode() {
        return mode.get();
    }

    public final void setMode(FlameMode value) {
        mode.set(value == null ? FlameMode.FLAME : value);
    }

    public final BooleanProperty diffNormalisedProperty() {
        return diffNormalised;
    }

    public final boolean isDiffNormalised() {
        return diffNormalised.get();
    }

    public final void setDiffNormalised(boolean value) {
        diffNormalised.set(value);
    }

    public final StringProperty searchTextProperty() {
        return searchText;
    }

    public final String getSearchText() {
        return searchText.get() == null ? "" : searchText.get();
    }

    public final void setSearchText(String value) {
        searchText.set(value);
    }

    public final StringProperty sandwichFunctionProperty() {
        return sandwichFunction;
    }

    public final String getSandwichFunction() {
        return sandwichFunction.get() == null ? "" : sandwichFunction.get();
    }

    public final void setSandwichFunction(String value) {
        sandwichFunction.set(value);
    }

    /** The node of {@link #getTree()} shown full width. */
    public final IntegerProperty zoomNodeProperty() {
        return zoomNode;
    }

    public final int getZoomNode() {
        return zoomNode.get();
    }

    /** The tree shown in flame, icicle and diff modes (in diff mode, the union tree). */
    public final ReadOnlyObjectProperty<FlameTree> treeProperty() {
        return tree.getReadOnlyProperty();
    }

    public final FlameTree getTree() {
        return tree.get();
    }

    public final ReadOnlyObjectProperty<FlameDiff> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public final FlameDiff getDiff() {
        return diff.get();
    }

    public final ReadOnlyObjectProperty<FlameSandwich> sandwichProperty() {
        return sandwich.getReadOnlyProperty();
    }

    public final FlameSandwich getSandwich() {
        return sandwich.get();
    }

    public final ReadOnlyObjectProperty<FlameSearch> searchProperty() {
        return search.getReadOnlyProperty();
    }

    public final FlameSearch getSearch() {
        return search.get();
    }

    /** "matched: 12.3%" while a search is typed, else empty. */
    public final ReadOnlyStringProperty matchedTextProperty() {
        return matchedText.getReadOnlyProperty();
    }

    /** Self, total and percent of the frame under the mouse. */
    public final ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
