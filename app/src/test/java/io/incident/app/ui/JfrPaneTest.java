package io.incident.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.cli.CaseLoader;
import io.incident.app.session.LoadedSource;
import io.incident.model.Track;
import io.incident.parsers.jfr.JfrBrowser;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The JFR tab on the sample incident's recording, under headless Monocle. */
@ExtendWith(ApplicationExtension.class)
class JfrPaneTest {
    private CaseLoader loader;
    private JfrPane pane;

    @Start
    void start(Stage stage) throws Exception {
        loader = CaseLoader.open(null, List.of(SampleData.incident("client.jfr")),
                new PrintStream(PrintStream.nullOutputStream()));
        pane = new JfrPane();
        stage.setScene(new Scene(pane, 1200, 900));
        stage.show();
    }

    @AfterEach
    void close() {
        loader.close();
    }

    @Test
    void chartsComeFromTheModelAndTheBrowserFromTheRecording(FxRobot robot) throws Exception {
        LoadedSource jfr = loader.session().sources().get(0);
        robot.interact(() -> {
            pane.show("jdk.GarbageCollection");
            pane.setSources(List.of(jfr));
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, pane::isSettled);
        WaitForAsyncUtils.waitForFxEvents();
        int pauses = jfr.source().tracks().stream().filter(t -> t.name().equals("GC pauses")).mapToInt(Track::size).sum();
        ChartViewer chart = robot.lookup(n -> n instanceof ChartViewer).queryAs(ChartViewer.class);
        assertEquals(pauses, chart.getChart().getXYPlot().getDataset().getItemCount(0));
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) jfr.source().summary().get("eventTypes");
        long gcs = ((Number) counts.get("jdk.GarbageCollection")).longValue();
        @SuppressWarnings("unchecked")
        TreeView<String> tree = robot.lookup(n -> n instanceof TreeView).queryAs(TreeView.class);
        assertTrue(leaves(tree.getRoot()).contains("jdk.GarbageCollection (" + gcs + ")"), leaves(tree.getRoot()).toString());
        @SuppressWarnings("unchecked")
        TableView<JfrBrowser.Event> table = robot.lookup(n -> n instanceof TableView).queryAs(TableView.class);
        assertEquals(gcs, table.getItems().size(), "every GC event once");
        assertTrue(table.getColumns().stream().anyMatch(c -> c.getText().equals("gcId")));
    }

    private static List<String> leaves(TreeItem<String> root) {
        return root.getChildren().stream().flatMap(g -> g.getChildren().stream()).map(TreeItem::getValue).toList();
    }
}
