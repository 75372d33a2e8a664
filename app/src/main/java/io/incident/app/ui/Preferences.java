package io.incident.app.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

/** Window layout and recent cases, kept in the user's Java preferences (not in the case). */
final class Preferences {
    private static final java.util.prefs.Preferences NODE =
            java.util.prefs.Preferences.userRoot().node("io/incident/workbench");
    private static final int MAX_RECENT = 10;

    private Preferences() {
    }

    static List<Path> recentCases() {
        List<Path> out = new ArrayList<>();
        for (String s : NODE.get("recentCases", "").split("\n")) {
            if (!s.isBlank() && Files.exists(Path.of(s))) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    static void addRecentCase(Path p) {
        List<String> l = new ArrayList<>();
        l.add(p.toAbsolutePath().toString());
        for (Path r : recentCases()) {
            if (!r.toAbsolutePath().toString().equals(l.get(0)) && l.size() < MAX_RECENT) {
                l.add(r.toString());
            }
        }
        NODE.put("recentCases", String.join("\n", l));
    }

    static void saveWindow(Stage s, double[] dividers) {
        NODE.putDouble("x", s.getX());
        NODE.putDouble("y", s.getY());
        NODE.putDouble("w", s.getWidth());
        NODE.putDouble("h", s.getHeight());
        NODE.putBoolean("maximized", s.isMaximized());
        if (dividers.length == 2) {
            NODE.putDouble("div0", dividers[0]);
            NODE.putDouble("div1", dividers[1]);
        }
    }

    static void restoreWindow(Stage s, SplitPane split) {
        double w = NODE.getDouble("w", 0);
        if (w > 200) {
            s.setX(NODE.getDouble("x", 40));
            s.setY(NODE.getDouble("y", 40));
            s.setWidth(w);
            s.setHeight(NODE.getDouble("h", 900));
            s.setMaximized(NODE.getBoolean("maximized", false));
        }
        double d0 = NODE.getDouble("div0", -1);
        double d1 = NODE.getDouble("div1", -1);
        if (d0 > 0 && d1 > d0) {
            split.setDividerPositions(d0, d1);
        }
    }
}
