package io.incident.app.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.network.ConnectionTable;
import io.incident.app.session.CaseSession;
import io.incident.app.session.LoadedSource;
import io.incident.views.connections.ConnectionLifecycle;
import io.incident.views.connections.ConnectionsView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The connections tab in the real window, on the sample incident's capture. */
@ExtendWith(ApplicationExtension.class)
class ConnectionsPaneTest {
    private CaseSession session;
    private MainWindow window;
    @TempDir
    static Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        Path caseFile = tmp.resolve("conn-" + System.nanoTime() + ".incident");
        (window = new MainWindow(stage, p -> { })).show(session = CaseSession.open(caseFile, new ArrayList<>()));
        stage.show();
    }

    @AfterEach
    void closeCase() {
        Tasks.drainWrites();
        session.close();
    }

    private ConnectionsPane importCapture(FxRobot robot) throws Exception {
        Path pcap = SampleData.incident("service.pcap");
        robot.interact(() -> window.importPaths(List.of(pcap)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !session.sources().isEmpty());
        robot.interact(() -> window.showView("connections"));
        ConnectionsPane pane = robot.lookup(n -> n instanceof ConnectionsPane).query();
        long expected = tcpConnections();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.view().connections().size() == expected);
        return pane;
    }

    private long tcpConnections() {
        LoadedSource s = session.sources().get(0);
        return ((Number) s.source().summary().get("tcpConnections")).longValue();
    }

    @Test
    void rowsAreTheCapturesConnectionsAndRstFilterLeavesTheResets(FxRobot robot) throws Exception {
        ConnectionsPane pane = importCapture(robot);
        ConnectionsView view = pane.view();
        assertEquals(tcpConnections(), view.shown().size(), "one row per connection of the summary");
        long resets = ((Number) session.sources().get(0).source().summary().get("closedByRst")).longValue();
        robot.interact(() -> view.filterProperty().set("RST"));
        assertEquals(resets, view.shown().size());
        assertTrue(view.shown().stream().allMatch(c -> c.state().equals("RST")));
        assertTrue(view.shown().size() < view.connections().size());
    }

    @Test
    void selectingARowHighlightsItOnTheTimelineAndDecodesItsPackets(FxRobot robot) throws Exception {
        ConnectionsPane pane = importCapture(robot);
        ConnectionsView view = pane.view();
        robot.interact(() -> view.filterProperty().set("port:36914"));
        assertEquals(1, view.shown().size());
        robot.interact(() -> view.table().getSelectionModel().select(0));
        ConnectionLifecycle c = view.shown().get(0);
        assertArrayEquals(new long[] {c.start(), c.end()}, window.timeline().highlightProperty().get());
        assertTrue(window.timeline().viewStartProperty().get() <= c.start());
        assertTrue(window.timeline().viewEndProperty().get() >= c.end());
        TextArea packets = robot.lookup("#connection-packets").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> packets.getText().contains("[TCP Header"));
        assertTrue(packets.getText().contains("Source port: 36914"), packets.getText());
        assertTrue(packets.getText().contains("RST: true"), "the reset is among the decoded packets");
        assertEquals(c.packets(), packets.getText().lines().filter(l -> l.startsWith("#")).count());
    }

    @Test
    void exportWritesOneCsvRowPerConnection(FxRobot robot) throws Exception {
        ConnectionsPane pane = importCapture(robot);
        Path csv = tmp.resolve("connections-" + System.nanoTime() + ".csv");
        robot.interact(() -> pane.exportCsv(csv));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, pane::isSettled);
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("id,client,server,state,"), lines.get(0));
        assertEquals(tcpConnections() + 1, lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("127.0.0.1:36914")));
    }

    @Test
    void withoutTheCaptureTheCsvComesFromTheModel() throws Exception {
        List<ConnectionLifecycle> rows = List.of(new ConnectionLifecycle(0, "10.0.0.1:5000", "10.0.0.2:80", "RST",
                "RST by server", "GET /a,b", 10, 20, 5, 0, 3, 18, List.of(), List.of()));
        Path csv = tmp.resolve("model.csv");
        assertEquals(1, ConnectionTable.writeCsv(csv, null, rows));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(2, lines.size());
        assertEquals("0,10.0.0.1:5000,10.0.0.2:80,RST,RST by server,10,20,5,0,3,18,\"GET /a,b\"", lines.get(1));
    }
}
