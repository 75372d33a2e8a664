package io.incident.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
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
        Lane conns = timeline.getLanes().stream().filter(l -> l.sourceIndex() == f.from().source()
                && l.trackIndex() == f.from().track()).findFirst().orElseThrow();
        assertEquals("TCP connections", conns.track().name());
        SpanTrack st = (SpanTrack) conns.track();
        int i = f.from().event();
        robot.interact(() -> timeline.reveal(new EventPick(conns, i, conns.clock().toCase(st.start(i)),
                conns.clock().toCase(st.end(i)))));
        WaitForAsyncUtils.waitForFxEvents();

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
}
