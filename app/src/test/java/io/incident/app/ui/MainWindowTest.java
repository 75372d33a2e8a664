package io.incident.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.model.InstantTrack;
import io.incident.views.timeline.Lane;
import io.incident.views.timeline.TimelineView;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import javafx.stage.Stage;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window under headless Monocle, on a real case file, importing the sample incident. */
class MainWindowTest extends WindowTest {
    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Test
    void importsTheSampleIncidentAndShowsItOnTheTimeline(FxRobot robot) throws Exception {
        robot.interact(() -> window.importPaths(List.of(SampleData.incident())));
        TableView<?> table = robot.lookup(".table-view").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() >= 15 && window.isSettled());
        TimelineView timeline = window.timeline();
        assertTrue(timeline.getLanes().size() > 10, "lanes: " + timeline.getLanes().size());

        // Pick exactly at the first instant of a shown log lane, in one step on the FX thread so that a late refresh
        // (alignment, correlation) cannot swap the lanes in between: the details panel names that event.
        java.util.concurrent.atomic.AtomicReference<Lane> found = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> {
            for (Lane l : timeline.getLanes()) {
                if (l.track() instanceof InstantTrack && l.track().size() > 0 && l.sourceTitle().startsWith("journal-export")
                        && !Double.isNaN(timeline.laneY(l))) {
                    found.set(l);
                    break;
                }
            }
            if (found.get() != null) {
                long t = found.get().clock().toCase(((InstantTrack) found.get().track()).time(0));
                timeline.setView(t - 1_000_000_000L, t + 1_000_000_000L);
                timeline.selectionProperty().set(timeline.pick(timeline.xOf(t), timeline.laneY(found.get())));
            }
        });
        assertNotNull(found.get(), "no journal lane");
        Lane target = found.get();
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(timeline.selectionProperty().get(), "nothing picked at the event's position");
        assertEquals(target, timeline.selectionProperty().get().lane());
        String title = robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText)
                .filter(s -> s.equals(target.source().label(((InstantTrack) target.track()).label(
                        timeline.selectionProperty().get().index())))).findFirst().orElse(null);
        assertNotNull(title, "details panel does not show the event's label");
    }

    @Test
    void wheelZoomKeepsTheTimeUnderTheCursor(FxRobot robot) {
        TimelineView timeline = window.timeline();
        robot.interact(() -> timeline.setView(1_000_000_000_000L, 1_000_000_000_000L + 60_000_000_000L));
        double x = 250 + (timeline.getWidth() - 250) * 0.25;
        long before = timeline.timeAt(x);
        robot.interact(() -> timeline.zoom(0.5, x));
        long after = timeline.timeAt(x);
        assertTrue(Math.abs(after - before) < 100_000_000L, before + " vs " + after);
        assertEquals(30_000_000_000L, timeline.viewEndProperty().get() - timeline.viewStartProperty().get(), 1_000_000);
    }
}
