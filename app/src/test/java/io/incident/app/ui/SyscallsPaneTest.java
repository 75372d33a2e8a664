package io.incident.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.cli.CaseLoader;
import io.incident.app.session.LoadedSource;
import io.incident.views.timeline.TimelineView;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The syscalls tab on the sample incident's strace log, under headless Monocle. */
@ExtendWith(ApplicationExtension.class)
class SyscallsPaneTest {
    private CaseLoader loader;
    private SyscallsPane pane;

    @Start
    void start(Stage stage) throws Exception {
        loader = CaseLoader.open(null, List.of(SampleData.incident("service.strace")),
                new PrintStream(PrintStream.nullOutputStream()));
        TimelineView timeline = new TimelineView();
        pane = new SyscallsPane(new Workbench(stage, timeline, id -> { }, s -> { }));
        stage.setScene(new Scene(pane, 1200, 800));
        stage.show();
    }

    @AfterEach
    void close() {
        loader.close();
    }

    @Test
    void theEmfileFilterShowsEveryEmfileCallAndNothingElse(FxRobot robot) throws Exception {
        LoadedSource strace = loader.session().sources().get(0);
        robot.interact(() -> pane.setSources(List.of(strace)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, pane::isSettled);
        robot.interact(() -> assertTrue(pane.show("EMFILE")));
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<SyscallsPane.Call> table = robot.lookup(".table-view").queryAs(TableView.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> errors = (Map<String, Object>) strace.source().summary().get("errors");
        assertEquals(((Number) errors.get("EMFILE")).intValue(), table.getItems().size());
        assertTrue(table.getItems().stream().allMatch(c -> c.errno().equals("EMFILE")));
        assertEquals(60, table.getItems().stream().filter(c -> c.syscall().equals("accept4")).count(),
                "the answer key's 60 accept4 = -1 EMFILE");
    }

    @Test
    void durationAndSyscallFiltersNarrowTheTable(FxRobot robot) throws Exception {
        LoadedSource strace = loader.session().sources().get(0);
        robot.interact(() -> pane.setSources(List.of(strace)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, pane::isSettled);
        @SuppressWarnings("unchecked")
        TableView<SyscallsPane.Call> table = robot.lookup(".table-view").queryAs(TableView.class);
        int all = table.getItems().size();
        assertEquals(SyscallsPane.rows(strace).size(), all);
        robot.clickOn(".text-field").write("accept4");
        WaitForAsyncUtils.waitForFxEvents();
        int accepts = table.getItems().size();
        assertTrue(accepts > 0 && accepts < all);
        assertTrue(table.getItems().stream().allMatch(c -> c.syscall().contains("accept4")));
    }
}
