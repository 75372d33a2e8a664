package io.incident.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.store.Note;
import io.incident.model.InstantTrack;
import io.incident.views.timeline.EventPick;
import io.incident.views.timeline.Lane;
import io.incident.views.timeline.TimelineView;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Notes anchored on an event and on a selected range: kept in the case file, and one click from their place. */
class NotesAnchorTest extends WindowTest {
    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Test
    void aNoteOnAnEventTakesTheAnalystBackToThatEvent(FxRobot robot) throws Exception {
        robot.interact(() -> window.importPaths(List.of(SampleData.incident().resolve("service.strace"),
                SampleData.incident().resolve("journal.export"))));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.isSettled()
                && window.session().sources().size() == 2);
        TimelineView timeline = window.timeline();
        Button onEvent = button(robot, "Note on event");
        Button onRange = button(robot, "Note on range");
        assertTrue(onEvent.isDisabled(), "nothing is selected yet");
        assertTrue(onRange.isDisabled(), "no range is selected yet");

        AtomicReference<EventPick> picked = new AtomicReference<>();
        robot.interact(() -> {
            for (Lane l : timeline.getLanes()) {
                if (l.track() instanceof InstantTrack it && it.size() > 3 && !Double.isNaN(timeline.laneY(l))) {
                    long t = l.clock().toCase(it.time(2));
                    picked.set(new EventPick(l, 2, t, t));
                    timeline.reveal(picked.get());
                    break;
                }
            }
        });
        assertNotNull(picked.get(), "no instant lane shown");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(onEvent::fire);
        Tasks.drainWrites();
        Note note = onlyNote();
        EventPick p = picked.get();
        assertEquals(window.session().sources().get(p.lane().sourceIndex()).record().id(), note.artifactId());
        assertEquals(p.lane().trackIndex(), note.track());
        assertEquals(2, note.event());
        assertEquals(p.start(), note.start());

        // Away from it, then one click on the note: the same event is selected again.
        robot.interact(() -> {
            timeline.selectionProperty().set(null);
            timeline.setView(p.start() + 3_600_000_000_000L, p.start() + 7_200_000_000_000L);
        });
        robot.interact(() -> robot.lookup(".tab-pane").queryAllAs(javafx.scene.control.TabPane.class).forEach(tp ->
                tp.getTabs().stream().filter(t -> t.getText().equals("Notes")).findFirst()
                        .ifPresent(t -> tp.getSelectionModel().select(t))));
        ListView<?> list = robot.lookup("#notes-list").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> list.getItems().size() == 1);
        robot.interact(() -> list.getSelectionModel().select(0));
        robot.clickOn(list.lookup(".list-cell"));
        WaitForAsyncUtils.waitForFxEvents();
        EventPick back = timeline.selectionProperty().get();
        assertNotNull(back, "the click did not select the note's event");
        assertEquals(p.lane().trackIndex(), back.lane().trackIndex());
        assertEquals(p.lane().sourceIndex(), back.lane().sourceIndex());
        assertEquals(2, back.index());
        assertTrue(timeline.viewStartProperty().get() <= p.start() && p.start() <= timeline.viewEndProperty().get());

        // A range selected on the timeline becomes a range note.
        robot.interact(() -> timeline.rangeSelectionProperty().set(new long[] {p.start(), p.start() + 5_000_000_000L}));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(onRange::fire);
        Tasks.drainWrites();
        Note range = session.store().notes().stream().filter(n -> n.event() == null).findFirst().orElseThrow();
        assertEquals(p.start(), range.start());
        assertEquals(p.start() + 5_000_000_000L, range.end());
        assertNull(range.artifactId());
    }

    private Note onlyNote() {
        List<Note> notes = session.store().notes();
        assertEquals(1, notes.size(), notes.toString());
        return notes.get(0);
    }

    private static Button button(FxRobot robot, String text) {
        return robot.lookup(".button").queryAllAs(Button.class).stream().filter(b -> text.equals(b.getText()))
                .findFirst().orElseThrow(() -> new AssertionError("no button " + text));
    }
}
