package io.incident.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.host.LogRow;
import io.incident.app.host.SyscallRow;
import io.incident.app.host.TimeJump;
import io.incident.app.ingest.Candidate;
import io.incident.app.ingest.ImportOutcome;
import io.incident.app.session.CaseSession;
import io.incident.app.session.LoadedSource;
import io.incident.model.SourceKind;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Progress;
import io.incident.parsers.strace.StraceStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Syscalls and Logs tabs of the real window on the sample incident's strace log and both journal exports, imported
 * into a case (so the tabs read the stored model, as a reopened case would). Expected counts are taken from the
 * artifacts' text or from the reader's own summary, never typed in.
 */
@ExtendWith(ApplicationExtension.class)
class HostViewsTest {
    static {
        // The window is 1600x1000; Monocle's default headless screen (1280x800) cannot take its pixels.
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @TempDir
    static Path tmp;
    private static CaseSession session;
    private MainWindow window;

    @BeforeAll
    static void importSample() throws Exception {
        session = CaseSession.open(tmp.resolve("host.incident"), new ArrayList<>());
        List<Path> files = List.of(SampleData.incident("service.strace"), SampleData.incident("journal.export"),
                SampleData.incident("journal.json"));
        for (Candidate c : session.scan(files, Cancellation.none()).candidates()) {
            ImportOutcome o = session.importCandidate(c, Progress.NONE, Cancellation.none());
            assertEquals(ImportOutcome.Status.IMPORTED, o.status(), o.message());
        }
        assertEquals(3, session.sources().size());
    }

    @AfterAll
    static void closeCase() {
        Tasks.drainWrites();
        session.close();
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, p -> { });
        window.show(session);
        stage.show();
    }

    private SyscallsPane syscalls(FxRobot robot) throws Exception {
        robot.interact(() -> assertTrue(window.showView("syscalls")));
        SyscallsPane pane = robot.lookup("#syscalls-pane").queryAs(SyscallsPane.class);
        settle(pane);
        return pane;
    }

    private LogsPane logs(FxRobot robot) throws Exception {
        robot.interact(() -> assertTrue(window.showView("logs")));
        LogsPane pane = robot.lookup("#logs-pane").queryAs(LogsPane.class);
        settle(pane);
        return pane;
    }

    private static void settle(WorkbenchTab tab) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, tab::isSettled);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static LoadedSource strace() {
        return session.sources().stream().filter(s -> s.source().info().kind() == SourceKind.STRACE).findFirst()
                .orElseThrow();
    }

    @Test
    void emfileFilterShowsAsManyCallsAsTheReaderCountedAndTheAccept4Burst(FxRobot robot) throws Exception {
        SyscallsPane pane = syscalls(robot);
        int all = pane.callsTable().getItems().size();
        assertEquals(((Number) strace().source().summary().get("syscalls")).intValue(), all);

        robot.interact(() -> pane.setErrno("EMFILE"));
        settle(pane);
        List<SyscallRow> shown = List.copyOf(pane.callsTable().getItems());
        Map<?, ?> errors = (Map<?, ?>) strace().source().summary().get("errors");
        assertEquals(((Number) errors.get("EMFILE")).intValue(), shown.size());
        assertTrue(shown.stream().allMatch(r -> r.errno().equals("EMFILE") && r.ret().equals("-1")));

        // The accept4 failures, counted in the file itself, all show, from the burst's first line to its last (the
        // file's -tt times put on the case timeline by the source's clock; an unfinished call starts a little before
        // the resumed line that carries its result).
        List<String> lines = Files.readAllLines(SampleData.incident("service.strace"), StandardCharsets.UTF_8);
        Pattern accept = Pattern.compile("accept4[ (].*= -1 EMFILE");
        List<String> acceptLines = lines.stream().filter(l -> accept.matcher(l).find()).toList();
        List<SyscallRow> accepts = shown.stream().filter(r -> r.syscall().equals("accept4")).toList();
        assertEquals(acceptLines.size(), accepts.size());
        long firstLine = caseTimeOf(acceptLines.get(0));
        long lastLine = caseTimeOf(acceptLines.get(acceptLines.size() - 1));
        assertTrue(accepts.stream().allMatch(r -> r.time() >= firstLine - 1_000_000L && r.time() <= lastLine),
                "accept4 EMFILE outside the burst's lines");
        assertEquals(lastLine, accepts.stream().mapToLong(SyscallRow::time).max().orElseThrow());
    }

    /** The -tt time of a line "TID HH:MM:SS.UUUUUU ..." on the case timeline. */
    private static long caseTimeOf(String line) {
        java.time.LocalTime tod = java.time.LocalTime.parse(line.strip().split("\\s+")[1]);
        return strace().record().clock().toCase(tod.toNanoOfDay());
    }

    @Test
    void summaryIsTheReadersStraceDashCTable(FxRobot robot) throws Exception {
        SyscallsPane pane = syscalls(robot);
        List<StraceStats.Row> expected = StraceStats.of(strace().source());
        assertEquals(expected, pane.summaryTable().getItems());
        StraceStats.Row accept4 = expected.stream().filter(r -> r.syscall().equals("accept4")).findFirst().orElseThrow();
        assertTrue(accept4.errors() >= 60, "accept4 errors: " + accept4.errors());
        assertFalse(pane.fdTable().getItems().isEmpty(), "no fd lifecycle");
    }

    @Test
    void selectingACallAndPressingEnterFocusesItOnTheTimeline(FxRobot robot) throws Exception {
        SyscallsPane pane = syscalls(robot);
        robot.interact(() -> pane.setErrno("EMFILE"));
        settle(pane);
        SyscallRow first = pane.callsTable().getItems().get(0);
        robot.interact(() -> {
            pane.callsTable().getSelectionModel().select(0);
            pane.focusSelected();
        });
        long[] h = window.timeline().highlightProperty().get();
        assertEquals(first.time(), h[0]);
        assertEquals(first.end(), h[1]);
    }

    @Test
    void priorityThreeOrLessShowsOnlyErrOrWorse(FxRobot robot) throws Exception {
        LogsPane pane = logs(robot);
        List<LogRow> all = List.copyOf(pane.table().getItems());
        for (int level : new int[] {3, 4}) {
            int max = level;
            robot.interact(() -> pane.setMaxPriority(max));
            settle(pane);
            List<LogRow> shown = List.copyOf(pane.table().getItems());
            assertTrue(shown.stream().allMatch(r -> r.priority() >= 0 && r.priority() <= max));
            assertEquals(priorityEntries(max), shown.size(), "entries with PRIORITY <= " + max + " in the export");
            assertEquals(all.stream().filter(r -> r.priority() >= 0 && r.priority() <= max).count(), shown.size());
        }
    }

    /**
     * Entries with PRIORITY at most {@code max}, counted in the export's text: the JSON file is the same journal, so
     * the tab shows each of its entries once.
     */
    private static long priorityEntries(int max) throws IOException {
        return Files.readAllLines(SampleData.incident("journal.export"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.matches("PRIORITY=[0-" + max + "]")).count();
    }

    @Test
    void searchFindsTheAcceptErrorsInAnyCase(FxRobot robot) throws Exception {
        LogsPane pane = logs(robot);
        robot.interact(() -> pane.setSearch("Too Many Open Files"));
        settle(pane);
        List<LogRow> shown = List.copyOf(pane.table().getItems());
        long inExport = Files.readAllLines(SampleData.incident("journal.export"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("MESSAGE=") && l.toLowerCase(Locale.ROOT).contains("too many open files"))
                .count();
        assertEquals(inExport, shown.size(), "each accept error once, though the journal is imported twice");
        assertTrue(shown.stream().allMatch(r -> r.message().contains("Accept error")), "not only accept errors");
    }

    @Test
    void jumpSelectsTheFirstEntryAtOrAfterTheTime(FxRobot robot) throws Exception {
        LogsPane pane = logs(robot);
        List<LogRow> rows = List.copyOf(pane.table().getItems());
        robot.interact(() -> assertTrue(pane.jumpTo("22:10:41")));
        int i = pane.table().getSelectionModel().getSelectedIndex();
        long t = TimeJump.parse("22:10:41", rows.get(0).time(), rows.get(rows.size() - 1).time());
        assertTrue(rows.get(i).time() >= t);
        assertTrue(i > 0 && rows.get(i - 1).time() < t, "not the first at or after 22:10:41");
        assertTrue(io.incident.app.host.HostFormat.time(rows.get(i).time()).startsWith("22:10:4"));
        assertTrue(pane.detail().getText().endsWith(rows.get(i).message()), "detail pane shows the whole message");
        robot.interact(pane::focusSelected);
        assertEquals(rows.get(i).time(), window.timeline().highlightProperty().get()[0]);
    }
}
