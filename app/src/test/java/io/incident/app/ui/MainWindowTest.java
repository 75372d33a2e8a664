package io.incident.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.session.CaseSession;
import io.incident.model.InstantTrack;
import io.incident.views.timeline.Lane;
import io.incident.views.timeline.TimelineView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window under headless Monocle, on a real case file, importing the sample incident. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    static Path tmp;
    private MainWindow window;
    private CaseSession session;

    @Start
    void start(Stage stage) throws Exception {
        session = CaseSession.open(tmp.resolve("ui-" + System.nanoTime() + ".incident"), new ArrayList<>());
        window = new MainWindow(stage, p -> { });
        window.show(session);
        stage.show();
    }

    @AfterEach
    void close() {
        Tasks.drainWrites();
        session.close();
    }

    @Test
    void importsTheSampleIncidentAndShowsItOnTheTimeline(FxRobot robot) throws Exception {
        robot.interact(() -> window.importPaths(List.of(SampleData.incident())));
        TableView<?> table = robot.lookup(".table-view").queryAs(TableView.class);
        // The sample holds 15 artifacts and two notes of the script that made it; wait until every import has landed.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() >= 15);
        WaitForAsyncUtils.waitForFxEvents();
        TimelineView timeline = window.timeline();
        assertTrue(timeline.getLanes().size() > 10, "lanes: " + timeline.getLanes().size());

        // Click exactly on the first instant of a log lane: the details panel names that event.
        Lane lane = null;
        for (Lane l : timeline.getLanes()) {
            if (l.track() instanceof InstantTrack && l.track().size() > 0 && l.sourceTitle().startsWith("journal-export")
                    && !Double.isNaN(timeline.laneY(l))) {
                lane = l;
                break;
            }
        }
        assertNotNull(lane, "no journal lane");
        Lane target = lane;
        long t = target.clock().toCase(((InstantTrack) target.track()).time(0));
        robot.interact(() -> timeline.setView(t - 1_000_000_000L, t + 1_000_000_000L));
        robot.interact(() -> timeline.selectionProperty().set(timeline.pick(timeline.xOf(t),
                timeline.laneY(target))));
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
