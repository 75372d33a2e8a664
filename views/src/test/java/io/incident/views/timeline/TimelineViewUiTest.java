package io.incident.views.timeline;

import static io.incident.views.timeline.TimelineFixture.S;
import static io.incident.views.timeline.TimelineFixture.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TimelineViewUiTest {
    private TimelineView view;

    @Start
    void start(Stage stage) {
        view = new TimelineView();
        view.getLanes().setAll(TimelineFixture.lanes());
        stage.setScene(new Scene(view, 1000, 500));
        stage.show();
        view.setView(T0, T0 + 100 * S);
    }

    private long[] viewNow() {
        return new long[] {view.viewStartProperty().get(), view.viewEndProperty().get()};
    }

    @Test
    void backAndForwardWalkTheZoomHistoryAndABurstOfKeysIsOneStep(FxRobot robot) throws Exception {
        long[] fitted = viewNow();
        robot.clickOn(view, MouseButton.PRIMARY);
        robot.type(KeyCode.W, 3);
        WaitForAsyncUtils.waitForFxEvents();
        long[] zoomed = viewNow();
        assertTrue(zoomed[1] - zoomed[0] < (fitted[1] - fitted[0]) / 2, "three W presses zoom in");
        Thread.sleep(ZoomHistory.SETTLE_NANOS / 1_000_000 + 100);
        robot.type(KeyCode.D);
        WaitForAsyncUtils.waitForFxEvents();
        long[] panned = viewNow();

        robot.press(KeyCode.ALT).type(KeyCode.LEFT).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(zoomed, viewNow(), "Alt+Left goes back over the pan");
        robot.interact(() -> assertTrue(view.back()));
        assertArrayEquals(fitted, viewNow(), "the three zoom steps were one step");
        robot.press(KeyCode.ALT).type(KeyCode.RIGHT).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(zoomed, viewNow());
        robot.interact(() -> assertTrue(view.forward()));
        assertArrayEquals(panned, viewNow());
        robot.interact(() -> assertFalse(view.forward(), "nothing further forward"));
    }

    @Test
    void shiftDragSelectsARangeWithPerLaneStatsAndZoomToSelectionShowsIt(FxRobot robot) {
        Point2D origin = view.localToScreen(0, 0);
        double y = TimelineView.AXIS_HEIGHT + 60;
        robot.moveTo(new Point2D(origin.getX() + view.xOf(T0 + 20 * S + S / 2), origin.getY() + y));
        robot.press(KeyCode.SHIFT).press(MouseButton.PRIMARY);
        robot.moveTo(new Point2D(origin.getX() + view.xOf(T0 + 42 * S + S / 2), origin.getY() + y));
        robot.release(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        long[] r = view.rangeSelectionProperty().get();
        assertNotNull(r, "shift-drag selects a range");
        // The drag lands within a pixel of the half seconds; a pixel is 0.13 s here, so the whole seconds inside are sure.
        assertTrue(Math.abs(r[0] - (T0 + 20 * S + S / 2)) < S / 4 && Math.abs(r[1] - (T0 + 42 * S + S / 2)) < S / 4);

        List<AreaStats> stats = view.rangeStats();
        AreaStats ticks = stat(stats, "ticks");
        assertEquals(22, ticks.events(), "instants at 21..42 s");
        AreaStats work = stat(stats, "work");
        assertEquals(3, work.events(), "spans [20,25), [30,35), [40,45) overlap the range");
        long busy = (25 * S - (r[0] - T0)) + 5 * S + ((r[1] - T0) - 40 * S);
        assertEquals(busy, work.busyNanos(), "summed durations clipped to the range");
        AreaStats level = stat(stats, "level");
        assertEquals(20, level.min(), "the value in force at the start counts");
        assertEquals(42, level.max());
        assertTrue(level.avg() > 30 && level.avg() < 32, "time-weighted average near 31: " + level.avg());

        robot.type(KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(r, viewNow(), "Z zooms to the selection");
        robot.interact(() -> view.back());
        assertEquals(T0, view.viewStartProperty().get(), "and back returns");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, view.rangeSelectionProperty().get());
    }

    @Test
    void altDragOnALaneAsksToShiftItsSourceByTheDraggedTime(FxRobot robot) {
        long[] shifted = {0};
        Lane[] which = {null};
        robot.interact(() -> view.setOnClockShift((lane, delta) -> {
            which[0] = lane;
            shifted[0] = delta;
        }));
        Lane ticks = view.getLanes().get(0);
        Point2D origin = view.localToScreen(0, 0);
        double y = view.laneY(ticks);
        robot.moveTo(new Point2D(origin.getX() + view.xOf(T0 + 20 * S), origin.getY() + y));
        robot.press(KeyCode.ALT).press(MouseButton.PRIMARY);
        robot.moveTo(new Point2D(origin.getX() + view.xOf(T0 + 30 * S), origin.getY() + y));
        robot.release(MouseButton.PRIMARY).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ticks, which[0]);
        assertTrue(Math.abs(shifted[0] - 10 * S) < S / 4, "about 10 s: " + shifted[0]);
        assertEquals(null, view.rangeSelectionProperty().get(), "the drag's guide is gone");
    }

    private static AreaStats stat(List<AreaStats> stats, String track) {
        return stats.stream().filter(s -> s.lane().track().name().equals(track)).findFirst().orElseThrow();
    }
}
