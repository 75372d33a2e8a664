package io.incident.app.ui;

import io.incident.app.session.CaseSession;
import io.incident.views.timeline.TimelineView;
import java.util.function.Consumer;
import javafx.stage.Stage;

/**
 * What the window offers its tabs and panels: the open case, the shared timeline (to focus a time range or highlight
 * evidence), the stage for dialogs, and a way to bring a tab to the front.
 */
public final class Workbench {
    private final Stage stage;
    private final TimelineView timeline;
    private final Consumer<String> showTab;
    private final Consumer<String> status;
    private CaseSession session;

    Workbench(Stage stage, TimelineView timeline, Consumer<String> showTab, Consumer<String> status) {
        this.stage = stage;
        this.timeline = timeline;
        this.showTab = showTab;
        this.status = status;
    }

    public Stage stage() {
        return stage;
    }

    public TimelineView timeline() {
        return timeline;
    }

    /** The open case; null before one is shown. */
    public CaseSession session() {
        return session;
    }

    void setSession(CaseSession s) {
        this.session = s;
    }

    /** Shows a case-time range on the timeline, shaded, and brings the timeline to the front. */
    public void focus(long start, long end) {
        long pad = Math.max(500_000_000L, (end - start) / 8);
        timeline.setView(start - pad, end + pad);
        timeline.highlightProperty().set(new long[] {start, end});
        showTab.accept("timeline");
    }

    public void showTab(String id) {
        showTab.accept(id);
    }

    /** A line in the status bar. */
    public void status(String text) {
        status.accept(text);
    }
}
