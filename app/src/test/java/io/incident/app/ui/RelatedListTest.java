package io.incident.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.model.EventRef;
import io.incident.model.Flow;
import io.incident.model.SpanTrack;
import io.incident.views.timeline.EventPick;
import io.incident.views.timeline.Lane;
import io.incident.views.timeline.Related;
import io.incident.views.timeline.TimelineView;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import javafx.stage.Stage;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** "Show related" in the details panel: a capture connection lists its strace socket, and a click goes there. */
class RelatedListTest extends WindowTest {
    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Test
    void aConnectionShowsItsSocketLifeAndAClickSelectsIt(FxRobot robot) throws Exception {
        robot.interact(() -> window.importPaths(List.of(SampleData.incident("service.pcap"),
                SampleData.incident("service.strace"))));
        TimelineView timeline = window.timeline();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.isSettled()
                && timeline.getFlows().stream().anyMatch(f -> f.kind().equals("same connection")));
        Flow f = timeline.getFlows().stream().filter(x -> x.kind().equals("same connection")).findFirst().orElseThrow();
        assertEquals("TCP connections", reveal(robot, timeline, f.from()).track().name());

        @SuppressWarnings("unchecked")
        ListView<Related> related = robot.lookup("#related").queryAs(ListView.class);
        assertFalse(related.getItems().isEmpty(), "no related events listed");
        Related socket = related.getItems().stream().filter(r -> r.kind().equals("same connection")).findFirst()
                .orElseThrow();
        assertEquals("fds", socket.pick().lane().track().name());
        robot.interact(() -> related.getSelectionModel().select(socket));
        robot.clickOn(related);
        WaitForAsyncUtils.waitForFxEvents();
        EventPick now = timeline.selectionProperty().get();
        assertEquals(socket.pick().lane(), now.lane(), "the click selects the related event");
        assertEquals(socket.pick().index(), now.index());
        assertTrue(timeline.viewStartProperty().get() <= now.start() && now.start() <= timeline.viewEndProperty().get(),
                "and brings it into view");
    }

    @Test
    void aJfrSocketReadShowsTheConnectionItWasOn(FxRobot robot) throws Exception {
        robot.interact(() -> window.importPaths(List.of(SampleData.incident("service.pcap"),
                SampleData.incident("client.jfr"))));
        TimelineView timeline = window.timeline();
        String kind = "socket read \u2194 connection";
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.isSettled()
                && timeline.getFlows().stream().anyMatch(f -> f.kind().equals(kind)));
        Flow f = timeline.getFlows().stream().filter(x -> x.kind().equals(kind)).findFirst().orElseThrow();
        assertEquals("socket I/O", reveal(robot, timeline, f.from()).track().name());

        @SuppressWarnings("unchecked")
        ListView<Related> related = robot.lookup("#related").queryAs(ListView.class);
        Related conn = related.getItems().stream().filter(r -> r.kind().equals(kind)).findFirst().orElseThrow();
        assertEquals("TCP connections", conn.pick().lane().track().name());
        assertTrue(conn.reason().startsWith("read "), conn.reason());
    }

    /** Selects a span event on the timeline as a click would, and returns its lane. */
    private static Lane reveal(FxRobot robot, TimelineView timeline, EventRef ref) {
        Lane lane = timeline.getLanes().stream().filter(l -> l.sourceIndex() == ref.source()
                && l.trackIndex() == ref.track()).findFirst().orElseThrow();
        SpanTrack st = (SpanTrack) lane.track();
        int i = ref.event();
        robot.interact(() -> timeline.reveal(new EventPick(lane, i, lane.clock().toCase(st.start(i)),
                lane.clock().toCase(st.end(i)))));
        WaitForAsyncUtils.waitForFxEvents();
        return lane;
    }
}
