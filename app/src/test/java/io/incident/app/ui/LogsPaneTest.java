package io.incident.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.cli.CaseLoader;
import io.incident.views.timeline.TimelineView;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The logs tab on the sample incident's journal export, under headless Monocle. */
@ExtendWith(ApplicationExtension.class)
class LogsPaneTest {
    private CaseLoader loader;
    private LogsPane pane;

    @Start
    void start(Stage stage) throws Exception {
        loader = CaseLoader.open(null, List.of(SampleData.incident("journal.export")),
                new PrintStream(PrintStream.nullOutputStream()));
        pane = new LogsPane(new Workbench(stage, new TimelineView(), id -> { }, s -> { }));
        stage.setScene(new Scene(pane, 1200, 800));
        stage.show();
    }

    @AfterEach
    void close() {
        loader.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<LogsPane.Entry> load(FxRobot robot) throws Exception {
        robot.interact(() -> pane.setSources(loader.session().sources()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, pane::isSettled);
        return robot.lookup(".table-view").queryAs(TableView.class);
    }

    @Test
    void searchFindsTheAcceptErrorsAndJumpLandsOnTheBurst(FxRobot robot) throws Exception {
        TableView<LogsPane.Entry> table = load(robot);
        int all = table.getItems().size();
        assertEquals(((Number) loader.session().sources().get(0).source().summary().get("entries")).intValue(), all);
        robot.interact(() -> pane.show("too many open files"));
        assertEquals(60, table.getItems().size(), "the answer key's 60 accept errors");
        robot.interact(() -> pane.show(""));
        assertEquals(all, table.getItems().size());
        robot.interact(() -> assertTrue(pane.jumpTo("22:10:41")));
        LogsPane.Entry first = table.getSelectionModel().getSelectedItem();
        long target = LogsPane.parseTime("22:10:41", first.time());
        assertTrue(first.time() >= target);
        int i = table.getSelectionModel().getSelectedIndex();
        assertTrue(i == 0 || table.getItems().get(i - 1).time() < target, "not the first entry at or after it");
    }

    @Test
    void priorityFilterKeepsOnlyThatLevelOrWorse(FxRobot robot) throws Exception {
        TableView<LogsPane.Entry> table = load(robot);
        @SuppressWarnings("unchecked")
        ComboBox<String> prio = (ComboBox<String>) robot.lookup(".combo-box").queryAll().stream()
                .filter(n -> ((ComboBox<?>) n).getItems().size() == 8).findFirst().orElseThrow();
        long notices = table.getItems().stream().filter(e -> e.priority() <= 5).count();
        robot.interact(() -> prio.getSelectionModel().select(5));
        assertEquals(notices, table.getItems().size());
        assertTrue(table.getItems().stream().allMatch(e -> e.priority() <= 5));
        assertTrue(notices > 0 && notices < loader.session().sources().get(0).source().eventCount());
    }
}
