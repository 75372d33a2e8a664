package io.incident.app.ui;

import io.incident.app.session.LoadedSource;
import io.incident.model.SampleTrack;
import io.incident.model.Track;
import io.incident.views.flame.FlameGraphView;
import io.incident.views.flame.FlameMode;
import io.incident.views.flame.FlameProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/** The flame graph tab: pick any stack-sample track of the case, and optionally a baseline to diff against. */
final class FlamePane extends BorderPane implements WorkbenchTab {
    private final FlameGraphView view;
    private final ComboBox<FlameProfile> profile = new ComboBox<>();
    private final ComboBox<FlameProfile> baseline = new ComboBox<>();
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
        profile.setPrefWidth(380);
        baseline.setPrefWidth(300);
        profile.valueProperty().addListener((o, a, p) -> view.setProfile(p));
        baseline.valueProperty().addListener((o, a, b) -> {
            view.setBaseline(b);
            view.setMode(b == null ? FlameMode.FLAME : FlameMode.DIFF);
        });
        HBox bar = new HBox(8, new Label("Profile"), profile, new Label("Compare with"), baseline);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        setTop(bar);
        setCenter(view);
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
     * "FILE@sandwich=FUNCTION" shows callers and callees of a function.
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
