package io.incident.views.timeline;

import static io.incident.views.timeline.TimelineFixture.S;
import static io.incident.views.timeline.TimelineFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.Clock;
import io.incident.model.ClockKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A source shown as its heading only, beside one shown in full, and what a click on the heading does. */
@ExtendWith(ApplicationExtension.class)
class TimelineGroupsUiTest {
    private static final String ORIGINAL = "fixture fixture.log";
    private static final String COPY = "fixture copy.log";
    private TimelineView view;
    private final List<Lane> original = TimelineFixture.lanes();
    private final List<Lane> copy = new ArrayList<>();

    @Start
    void start(Stage stage) {
        for (Lane l : original) {
            copy.add(new Lane(1, l.trackIndex(), l.source(), l.track(), Clock.of(ClockKind.ABSOLUTE_UTC), COPY));
        }
        view = new TimelineView();
        view.setHeadingOnly(Map.of(COPY, "same entries as fixture.log"));
        List<Lane> all = new ArrayList<>(original);
        all.addAll(copy);
        view.getLanes().setAll(all);
        stage.setScene(new Scene(view, 1000, 500));
        stage.show();
        view.setView(T0, T0 + 100 * S);
    }

    @Test
    void theCopyIsItsHeadingAloneAndTheOtherSourceIsWhole(FxRobot robot) {
        assertEquals(List.of(ORIGINAL, COPY), view.sourceTitles());
        assertEquals(COPY + "   ▸ same entries as fixture.log", view.heading(COPY));
        assertEquals(ORIGINAL, view.heading(ORIGINAL));
        assertTrue(copy.stream().allMatch(l -> Double.isNaN(view.laneY(l))), "no lane of the copy is drawn");
        assertTrue(original.stream().noneMatch(l -> Double.isNaN(view.laneY(l))), "every lane of the original is");
    }

    @Test
    void clickingTheCopysHeadingShowsItsLanesAndAgainFoldsIt(FxRobot robot) {
        double below = original.stream().mapToDouble(view::laneY).max().orElseThrow();
        javafx.geometry.Point2D at = view.localToScreen(100, below + 45);
        robot.clickOn(at.getX(), at.getY());
        assertTrue(copy.stream().noneMatch(l -> Double.isNaN(view.laneY(l))), "the copy opened to all its lanes");
        assertEquals(COPY, view.heading(COPY));
        robot.clickOn(at.getX(), at.getY());
        assertTrue(copy.stream().allMatch(l -> Double.isNaN(view.laneY(l))), "folded to its heading again");
        assertFalse(original.stream().anyMatch(l -> Double.isNaN(view.laneY(l))), "the original never folds with it");
    }
}
