package io.incident.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.session.LoadedSource;
import io.incident.app.store.ArtifactRecord;
import io.incident.model.ClockKind;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ReadContext;
import io.incident.parsers.pprof.PprofReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The flame tab's exports on the sample incident's CPU profile: what the buttons write, written off the FX thread. */
@ExtendWith(ApplicationExtension.class)
class FlamePaneTest {
    @TempDir
    Path tmp;
    private FlamePane pane;

    @Start
    void start(Stage stage) {
        pane = new FlamePane(Tasks.executor());
        stage.setScene(new Scene(pane, 1200, 800));
        stage.show();
    }

    private void showCpuProfile(FxRobot robot) throws Exception {
        Path file = SampleData.incident("cpu.pprof");
        SourceInfo info = new SourceInfo(file.toString(), SourceKind.PPROF, Files.size(file), "");
        Source s = new PprofReader().read(ReadContext.of(file, info));
        LoadedSource loaded = new LoadedSource(new ArtifactRecord(1, file.toString(), SourceKind.PPROF,
                Files.size(file), "", Instant.EPOCH, ClockKind.ABSOLUTE_UTC, 0, null, "recorded in the file",
                List.of()), s);
        robot.interact(() -> pane.setSources(List.of(loaded)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.view().getTree() != null);
    }

    private String written(FxRobot robot, Path out, String content) throws Exception {
        robot.interact(() -> pane.write(out, content));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.exportStatus().getText().startsWith("Wrote"));
        assertEquals("Wrote " + out, pane.exportStatus().getText());
        return Files.readString(out);
    }

    @Test
    void exportsTheShownFlameGraphAsSvgAndFoldedStacks(FxRobot robot) throws Exception {
        showCpuProfile(robot);
        String[] svg = new String[1];
        String[] folded = new String[1];
        robot.interact(() -> {
            svg[0] = pane.view().exportSvg(1600);
            folded[0] = pane.view().exportFolded();
        });
        String file = written(robot, tmp.resolve("cpu.svg"), svg[0]);
        assertTrue(file.startsWith("<?xml") || file.startsWith("<svg"), file.substring(0, 40));
        assertTrue(file.contains("crypto/sha256.block"));
        String stacks = written(robot, tmp.resolve("cpu.folded"), folded[0]);
        assertTrue(stacks.lines().anyMatch(l -> l.matches(".*main\\.workHandler;.*crypto/sha256\\.block \\d+")),
                stacks.lines().limit(3).toList().toString());
    }

    @Test
    void aFailedWriteSaysWhere(FxRobot robot) throws Exception {
        Path out = tmp.resolve("no-such-dir").resolve("x.svg");
        robot.interact(() -> pane.write(out, "<svg/>"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.exportStatus().getText().startsWith("Export to"));
        assertTrue(pane.exportStatus().getText().startsWith("Export to " + out + " failed: "));
    }
}
