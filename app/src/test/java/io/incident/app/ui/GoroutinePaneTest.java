package io.incident.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.session.LoadedSource;
import io.incident.app.store.ArtifactRecord;
import io.incident.model.ClockKind;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ReadContext;
import io.incident.parsers.goroutine.GoroutineDumpReader;
import io.incident.parsers.goroutine.GoroutineBucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The goroutine tab on the sample incident's three debug=2 dumps, placed at the times of the sample run. */
@ExtendWith(ApplicationExtension.class)
class GoroutinePaneTest {
    private static final long S = 1_000_000_000L;
    /** 2026-11-22 22:09:01.272 UTC, when goroutines-1 was fetched (sample-data/README.md). */
    private static final long DUMP_1 = Instant.parse("2026-11-22T22:09:01.272Z").getEpochSecond() * S + 272_000_000L;
    private GoroutinePane pane;

    @Start
    void start(Stage stage) {
        pane = new GoroutinePane();
        stage.setScene(new Scene(pane, 1200, 900));
        stage.show();
    }

    /** A dump as the case holds it; {@code path} is where the record says the file was. */
    private static LoadedSource loaded(long id, String file, Path path, long placedAt) throws Exception {
        Path real = SampleData.incident(file);
        SourceInfo info = new SourceInfo(path.toString(), SourceKind.GOROUTINE_DUMP, Files.size(real), "sha-" + id);
        var source = GoroutineDumpReader.parse(ReadContext.of(real, info)).source();
        return new LoadedSource(new ArtifactRecord(id, path.toString(), SourceKind.GOROUTINE_DUMP, Files.size(real),
                "sha-" + id, Instant.EPOCH, ClockKind.RELATIVE, placedAt, null, "set by the test", List.of()), source);
    }

    private static List<LoadedSource> sample(boolean filesPresent) throws Exception {
        Path gone = Path.of("/nonexistent-case-artifacts");
        String[] files = {"goroutines-3.debug2.txt", "goroutines-1.debug2.txt", "goroutines-2.debug2.txt"};
        long[] at = {DUMP_1 + 150 * S, DUMP_1, DUMP_1 + 66 * S};
        LoadedSource[] out = new LoadedSource[3];
        for (int i = 0; i < 3; i++) {
            Path where = filesPresent ? SampleData.incident(files[i]) : gone.resolve(files[i]);
            out[i] = loaded(i + 1, files[i], where, at[i]);
        }
        return List.of(out);
    }

    private void settle(FxRobot robot, List<LoadedSource> sources) throws Exception {
        robot.interact(() -> pane.setSources(sources));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.isSettled() && !pane.bucketTable().getItems()
                .isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Dump 2 is the largest: its top bucket is the leak, 500 strong, and the diff 1 -> 2 shows it grew by 300. */
    private void assertLeak(String createdBy) {
        GoroutineBucket top = pane.bucketTable().getItems().get(0);
        assertEquals("main.leakyHandler.func1", top.topFunction());
        assertEquals(500, top.count());
        assertEquals("chan receive", top.state());
        assertEquals(createdBy, top.createdBy());
        var grown = pane.changeTable().getItems().get(0);
        assertEquals("grown", grown.kind());
        assertEquals("main.leakyHandler.func1", grown.change().topFunction());
        assertEquals(200, grown.change().before());
        assertEquals(500, grown.change().after());
        assertEquals(300, grown.change().delta());
    }

    @Test
    void showsTheLeakBucketOfTheLargestDumpAndItsGrowth(FxRobot robot) throws Exception {
        settle(robot, sample(true));
        assertLeak("main.leakyHandler");
        assertTrue(robot.lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.getText().startsWith("Leak suspects: ") && l.getText().contains(
                        "main.leakyHandler.func1 [chan receive]")), "leak suspects line");
        assertTrue(robot.lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.getText().contains("goroutines-1.debug2.txt at 22:09:01.272 UTC, clock: set by "
                        + "the test") && l.getText().contains("66.0 s apart")), "clock basis shown");
    }

    @Test
    void aCaseReopenedWithoutItsFilesStillShowsBucketsAndGrowth(FxRobot robot) throws Exception {
        settle(robot, sample(false));
        assertLeak(""); // the model does not keep creators
    }

    @Test
    void showPicksTheNamedDumpsAndOrdersThemInTime(FxRobot robot) throws Exception {
        settle(robot, sample(true));
        robot.interact(() -> assertTrue(pane.show("goroutines-1.debug2.txt:goroutines-2.debug2.txt")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, pane::isSettled);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(200, pane.bucketTable().getItems().get(0).count());
        assertEquals(300, pane.changeTable().getItems().get(0).change().delta(), "still dump 1 -> dump 2");
        robot.interact(() -> assertEquals(false, pane.show("no-such-dump")));
    }
}
