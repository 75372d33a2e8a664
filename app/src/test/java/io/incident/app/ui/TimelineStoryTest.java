package io.incident.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.ingest.Candidate;
import io.incident.app.session.CaseSession;
import io.incident.app.session.GoroutineGrowth;
import io.incident.model.CounterTrack;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Progress;
import io.incident.views.timeline.Lane;
import io.incident.views.timeline.TimelineView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window as it opens on the sample incident: which sources come first, which fold away, the goroutine growth. */
class TimelineStoryTest extends WindowTest {
    private static final Set<String> COPIES = Set.of("journal-json  journal.json", "pcapng  service.pcapng");

    /** The case is imported before the window opens on it, as {@code --snapshot} does: no import panel below. */
    @Start
    void start(Stage stage) throws Exception {
        session = CaseSession.open(tmp.resolve("story-" + System.nanoTime() + ".incident"), new ArrayList<>());
        for (Candidate c : session.scan(List.of(SampleData.incident()), Cancellation.none()).candidates()) {
            session.importCandidate(c, Progress.NONE, Cancellation.none());
        }
        window = new MainWindow(stage, p -> { });
        window.show(session);
        stage.show();
    }

    @Test
    void theCopiesFoldToTheirHeadingAndNoOtherSourceDoes(FxRobot robot) throws Exception {
        TimelineView timeline = openTheSample(robot);
        List<String> titles = new ArrayList<>();
        robot.interact(() -> titles.addAll(timeline.sourceTitles()));
        assertEquals(List.of("journal-export  journal.export", GoroutineGrowth.TITLE, "pcap  service.pcap",
                "strace  service.strace", "jfr  client.jfr"), titles.subList(0, 5), "the story's order");
        assertEquals(COPIES, Set.copyOf(titles.subList(titles.size() - 2, titles.size())), "the copies go last");
        for (String title : titles) {
            List<Lane> drawn = new ArrayList<>();
            robot.interact(() -> timeline.getLanes().stream()
                    .filter(l -> l.sourceTitle().equals(title) && !Double.isNaN(timeline.laneY(l))).forEach(drawn::add));
            assertEquals(COPIES.contains(title), drawn.isEmpty(), title + " shows " + drawn.size() + " lanes");
        }
        assertEquals("journal-json  journal.json   ▸ same entries as journal.export (click to show)",
                timeline.heading("journal-json  journal.json"));
        assertEquals("pcapng  service.pcapng   ▸ same entries as service.pcap (click to show)",
                timeline.heading("pcapng  service.pcapng"));
    }

    @Test
    void theGoroutineCountAcrossDumpsIsAShownCounterWithTheAcceptErrorsAboveIt(FxRobot robot) throws Exception {
        TimelineView timeline = openTheSample(robot);
        List<Lane> growth = new ArrayList<>();
        robot.interact(() -> timeline.getLanes().stream().filter(l -> l.sourceTitle().equals(GoroutineGrowth.TITLE))
                .forEach(growth::add));
        CounterTrack count = (CounterTrack) growth.get(0).track();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < count.size(); i++) {
            values.add((long) count.value(i));
        }
        assertEquals(List.of(234L, 595L, 595L, 20L), values);
        assertEquals("all dumps / new process", growth.get(1).title());
        Lane accept = timeline.getLanes().stream()
                .filter(l -> l.sourceTitle().startsWith("journal-export") && l.title().equals("events / accept errors"))
                .findFirst().orElseThrow();
        assertTrue(timeline.laneY(accept) < timeline.laneY(growth.get(0)), "accept errors shown above the growth");
        assertTrue(timeline.laneY(growth.get(1)) < timeline.getHeight(), "the growth is on the first screen");
    }

    @Test
    void theFirstScreenShowsTheStorysLanes(FxRobot robot) throws Exception {
        TimelineView timeline = openTheSample(robot);
        List<String> story = List.of("journal-export  journal.export: events / accept errors",
                "journal-export  journal.export: logs / demo-supervisor",
                "journal-export  journal.export: go demo-svc / Go GC stop-the-world",
                GoroutineGrowth.TITLE + ": all dumps / goroutines", "pcap  service.pcap: network / TCP resets",
                "pcap  service.pcap: network / open connections", "strace  service.strace: pid 31 / open fds",
                "strace  service.strace: errors / errors/s EMFILE", "strace  service.strace: process events",
                "jfr  client.jfr: gc / GC pauses");
        List<String> onScreen = new ArrayList<>();
        robot.interact(() -> timeline.getLanes().stream()
                .filter(l -> timeline.laneY(l) > 0 && timeline.laneY(l) < timeline.getHeight())
                .forEach(l -> onScreen.add(l.sourceTitle() + ": " + l.title())));
        assertTrue(onScreen.containsAll(story), "on the first screen: " + onScreen);
    }

    private TimelineView openTheSample(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, window::isSettled);
        WaitForAsyncUtils.waitForFxEvents();
        return window.timeline();
    }
}
