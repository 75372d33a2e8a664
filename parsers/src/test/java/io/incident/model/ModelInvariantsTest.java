package io.incident.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelInvariantsTest {
    private static Source.Builder builder() {
        return Source.builder(new SourceInfo("t", SourceKind.STRACE, 1, ""), ClockKind.ABSOLUTE_UTC);
    }

    @Test
    void spansAreSortedAndNestedByContainment() {
        Source.Builder b = builder();
        SpanTrack.Builder t = SpanTrack.builder("s", "");
        t.add(50, 60, b.intern("child-2"), 0);
        t.add(0, 100, b.intern("parent"), 0);
        t.add(10, 20, b.intern("child-1"), 0);
        t.add(12, 15, b.intern("grandchild"), 0);
        t.add(90, 150, b.intern("overlapping"), 0);
        Source s = b.track(t.build()).build();
        SpanTrack st = (SpanTrack) s.tracks().get(0);
        String[] order = new String[st.size()];
        int[] depth = new int[st.size()];
        for (int i = 0; i < st.size(); i++) {
            order[i] = s.label(st.label(i));
            depth[i] = st.depth(i);
        }
        assertArrayEquals(new String[] {"parent", "child-1", "grandchild", "child-2", "overlapping"}, order);
        assertArrayEquals(new int[] {0, 1, 2, 1, 0}, depth);
        assertEquals(150, st.maxTime());
    }

    @Test
    void instantsAndCountersAreSortedByTime() {
        Source.Builder b = builder();
        InstantTrack.Builder it = InstantTrack.builder("i", "");
        it.add(30, b.intern("c"), 0).add(10, b.intern("a"), 0).add(20, b.intern("b"), 0);
        CounterTrack.Builder ct = CounterTrack.builder("c", "", "fds");
        ct.add(2, 5).add(1, 3);
        Source s = b.track(it.build()).track(ct.build()).build();
        InstantTrack i = (InstantTrack) s.tracks().get(0);
        assertEquals("a", s.label(i.label(0)));
        assertEquals(3.0, ((CounterTrack) s.tracks().get(1)).value(0));
        assertEquals(1, s.minTime());
        assertEquals(30, s.maxTime());
    }

    @Test
    void danglingIdsAreRefused() {
        Source.Builder b = builder();
        InstantTrack bad = new InstantTrack("bad", "", new long[] {1}, new int[] {999}, new int[] {0});
        b.track(bad);
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertEquals("model invariant broken: track 'bad' event 0 label", e.getMessage());
    }

    @Test
    void callSitesSharePrefixesAndResolveRootFirst() {
        Source.Builder b = builder();
        StackTable st = b.stacks();
        int main = st.frame(b.intern("main"), b.intern("main.go"), 10);
        int serve = st.frame(b.intern("serve"), b.intern("srv.go"), 20);
        int read = st.frame(b.intern("read"), b.intern("io.go"), 30);
        int a = st.stack(new int[] {main, serve, read}, 3);
        int c = st.stack(new int[] {main, serve}, 2);
        assertEquals(c, st.parent(a));
        assertEquals(3, st.depth(a));
        assertArrayEquals(new int[] {main, serve, read}, st.framesRootFirst(a));
        assertEquals(main, st.frame(b.intern("main"), b.intern("main.go"), 10));
        SampleTrack.Builder sm = SampleTrack.builder("cpu", "", List.of(new SampleType("cpu", "nanoseconds")), 0);
        sm.add(SampleTrack.UNTIMED, 0, a, 7).add(SampleTrack.UNTIMED, 0, c, 5);
        Source s = b.track(sm.build()).build();
        assertEquals(12, ((SampleTrack) s.tracks().get(0)).total(0));
        assertEquals(Long.MAX_VALUE, s.minTime(), "untimed samples give no time range");
    }

    @Test
    void argSetsAreInternedAndResolved() {
        Source.Builder b = builder();
        int x = b.args("fd", "3", "path", "/etc/passwd");
        int y = b.args("fd", "3", "path", "/etc/passwd");
        assertEquals(x, y);
        Source s = b.build();
        assertEquals("/etc/passwd", s.argsOf(x).get("path"));
        assertEquals(0, s.argsOf(0).size());
    }

    @Test
    void timeOfDayClocksNeedADateAndApplyOffsets() {
        Clock c = Clock.of(ClockKind.TIME_OF_DAY);
        assertEquals(false, c.isPlaced());
        Clock placed = c.withDate(LocalDate.of(2026, 11, 22)).withOffset(5);
        long midnight = LocalDate.of(2026, 11, 22).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        assertEquals(midnight + 1_000 + 5, placed.toCase(1_000));
        assertEquals(1_000, placed.toRaw(placed.toCase(1_000)));
    }

    @Test
    void diagnosticsCountByNameAndKeepTheFirstPlace() {
        Diagnostics d = new Diagnostics();
        d.warn("bad-line", "line 3", "expected a syscall");
        d.warn("bad-line", "line 9", "expected a syscall");
        Diagnostic only = d.snapshot().get(0);
        assertEquals(2, only.count());
        assertEquals("line 3", only.firstWhere());
    }
}
