package io.incident.app.ui;

import io.incident.app.session.LoadedSource;
import io.incident.model.SampleTrack;
import io.incident.model.Track;
import io.incident.views.flame.FlameGraphView;
import io.incident.views.flame.FlameMode;
import io.incident.views.flame.FlameProfile;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** The flame graph tab: pick any stack-sample track of the case, and optionally a baseline to diff against. */
final class FlamePane extends BorderPane implements WorkbenchTab {
    private final FlameGraphView view;
    private final ComboBox<FlameProfile> profile = new ComboBox<>();
    private final ComboBox<FlameProfile> baseline = new ComboBox<>();
    private final Label exported = new Label();
    private List<FlameProfile> all = List.of();

    FlamePane(Executor background) {
        view = new FlameGraphView(background);
        StringConverter<FlameProfile> names = new StringConverter<>() {
            @Override
            public String toString(FlameProfile p) {
                return p == null ? "(none)" : p.source().info().fileName() + " \u203a " + p.track().name()
                        + " (" + p.track().size() + " samples)";
            }

            @Override
            public FlameProfile fromString(String s) {
                return null;
            }
        };
        profile.setConverter(names);
        baseline.setConverter(names);
        profile.setPromptText("No stack samples in this case");
        baseline.setPromptText("(none)");
        profile.setPrefWidth(260);
        baseline.setPrefWidth(230);
        profile.setMinWidth(140);
        baseline.setMinWidth(120);
        profile.valueProperty().addListener((o, a, p) -> view.setProfile(p));
        baseline.valueProperty().addListener((o, a, b) -> {
            view.setBaseline(b);
            view.setMode(b == null ? FlameMode.FLAME : FlameMode.DIFF);
        });
        Button svg = new Button("Export SVG\u2026");
        svg.setOnAction(e -> export("SVG", "*.svg", ".svg", () -> view.exportSvg(1600)));
        Button folded = new Button("Export folded\u2026");
        folded.setOnAction(e -> export("Folded stacks", "*.folded", ".folded", view::exportFolded));
        for (Button b : List.of(svg, folded)) {
            b.disableProperty().bind(view.profileProperty().isNull());
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, caption("Profile"), profile, caption("Compare with"), baseline, spacer, svg, folded);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        exported.setPadding(new Insets(0, 8, 0, 8));
        exported.managedProperty().bind(exported.textProperty().isNotEmpty());
        setTop(new VBox(bar, exported));
        setCenter(view);
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /**
     * Asks where to save, takes the text of the current view on the JavaFX thread (it reads the view's state; the
     * layout is milliseconds), and writes the file on a worker thread.
     */
    private void export(String what, String pattern, String extension, Supplier<String> text) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export flame graph as " + what);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        FlameProfile p = view.getProfile();
        fc.setInitialFileName((p == null ? "flame" : p.source().info().fileName()) + extension);
        File out = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (out == null) {
            return;
        }
        write(out.toPath(), text.get());
    }

    /** Writes an export on a worker thread and says where it went (or why not) under the toolbar. */
    void write(Path out, String content) {
        exported.setText("Writing " + out.getFileName() + "\u2026");
        Tasks.run(() -> Files.writeString(out, content, StandardCharsets.UTF_8),
                path -> exported.setText("Wrote " + path),
                e -> exported.setText("Export to " + out + " failed: " + e.getMessage()));
    }

    Label exportStatus() {
        return exported;
    }

    FlameGraphView view() {
        return view;
    }

    @Override
    public String id() {
        return "flame";
    }

    @Override
    public String title() {
        return "Flame graph";
    }

    @Override
    public javafx.scene.Node node() {
        return this;
    }

    /**
     * "FILE" shows that profile; "FILE:BASELINE" diffs it against another; "FILE@icicle" draws it top-down;
     * "FILE@sandwich=FUNCTION" shows callers and callees of a function; "FILE:BASELINE@absolute" diffs raw counts
     * instead of shares (goroutine counts, where the growth itself is the finding).
     */
    @Override
    public boolean show(String arg) {
        if (arg == null) {
            return true;
        }
        String[] at = arg.split("@", 2);
        String[] files = at[0].split(":", 2);
        boolean ok = files[0].isEmpty() || select(files[0]);
        if (files.length == 2) {
            ok &= compareWith(files[1]);
        }
        if (at.length == 2 && at[1].equals("icicle")) {
            view.setMode(FlameMode.ICICLE);
        } else if (at.length == 2 && at[1].equals("absolute")) {
            view.diffNormalisedProperty().set(false);
        } else if (at.length == 2 && at[1].startsWith("sandwich=")) {
            view.showSandwich(at[1].substring("sandwich=".length()));
        }
        return ok;
    }

    @Override
    public boolean isSettled() {
        return view.getProfile() == null
                || view.getTree() != null && (view.getBaseline() == null || view.getDiff() != null);
    }

    @Override
    public void setSources(List<LoadedSource> sources) {
        List<FlameProfile> found = new ArrayList<>();
        for (LoadedSource s : sources) {
            for (Track t : s.source().tracks()) {
                if (t instanceof SampleTrack st && st.size() > 0) {
                    found.add(new FlameProfile(s.source(), st));
                }
            }
        }
        FlameProfile current = profile.getValue();
        all = List.copyOf(found);
        profile.setItems(FXCollections.observableArrayList(all));
        List<FlameProfile> bases = new ArrayList<>();
        bases.add(null);
        bases.addAll(all);
        baseline.setItems(FXCollections.observableArrayList(bases));
        if (current == null || !all.contains(current)) {
            profile.setValue(all.isEmpty() ? null : all.get(0));
        }
    }

    /** Shows the first profile whose file name or track name contains {@code text}; false when none does. */
    boolean select(String text) {
        for (FlameProfile p : all) {
            if ((p.source().info().path() + " " + p.track().name()).contains(text)) {
                profile.setValue(p);
                return true;
            }
        }
        return false;
    }

    /** Diffs the shown profile against the first other profile matching {@code text}. */
    boolean compareWith(String text) {
        for (FlameProfile p : all) {
            if (p != profile.getValue() && (p.source().info().path() + " " + p.track().name()).contains(text)) {
                baseline.setValue(p);
                return true;
            }
        }
        return false;
    }
}
