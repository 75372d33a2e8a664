package io.incident.parsers.goroutine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two dumps of one process: buckets that grew, appeared or vanished (matched by
 * {@link GoroutineBucket#signature()}, so two dumps with different stack tables compare), and the leak suspects:
 * goroutines present in both (same id; Go never reuses one) that stayed blocked in the same place the whole time, so
 * their printed wait grew by about the time between the dumps.
 *
 * @param grown    buckets in both dumps with more goroutines in the second, largest growth first
 * @param appeared buckets only in the second dump, largest first
 * @param vanished buckets only in the first dump, largest first
 * @param suspects goroutines blocked through the whole interval, longest wait first
 */
public record DumpDiff(List<BucketChange> grown, List<BucketChange> appeared, List<BucketChange> vanished,
                       List<LeakSuspect> suspects) {
    /** Go prints whole minutes, rounded down, so a wait that grew with the clock may differ from it by one. */
    private static final double WAIT_TOLERANCE_MINUTES = 1.0;
    private static final double NANOS_PER_MINUTE = 60e9;

    public DumpDiff {
        grown = List.copyOf(grown);
        appeared = List.copyOf(appeared);
        vanished = List.copyOf(vanished);
        suspects = List.copyOf(suspects);
    }

    /** One bucket signature's count in each dump (0 when absent). */
    public record BucketChange(String signature, String state, String topFunction, String createdBy, long before,
                               long after) {
        public long delta() {
            return after - before;
        }
    }

    /**
     * A goroutine blocked through the whole interval.
     *
     * @param waitBefore printed wait in the first dump, or -1 when it printed none (blocked under a minute)
     */
    public record LeakSuspect(long id, String state, String topFunction, String createdBy, int waitBefore,
                              int waitAfter) {
    }

    /**
     * Compares dump {@code a} with the later dump {@code b}.
     *
     * @param nanosBetween how long after {@code a} the dump {@code b} was taken
     */
    public static DumpDiff of(GoroutineDump a, GoroutineDump b, long nanosBetween) {
        Map<String, BucketChange> before = bySignature(a);
        Map<String, BucketChange> after = bySignature(b);
        List<BucketChange> grown = new ArrayList<>();
        List<BucketChange> appeared = new ArrayList<>();
        for (BucketChange x : after.values()) {
            BucketChange old = before.get(x.signature());
            if (old == null) {
                appeared.add(x);
            } else if (x.after() > old.after()) {
                grown.add(new BucketChange(x.signature(), x.state(), x.topFunction(), x.createdBy(), old.after(),
                        x.after()));
            }
        }
        List<BucketChange> vanished = new ArrayList<>();
        for (BucketChange x : before.values()) {
            if (!after.containsKey(x.signature())) {
                vanished.add(new BucketChange(x.signature(), x.state(), x.topFunction(), x.createdBy(), x.after(), 0));
            }
        }
        grown.sort(Comparator.comparingLong(BucketChange::delta).reversed());
        appeared.sort(Comparator.comparingLong(BucketChange::after).reversed());
        vanished.sort(Comparator.comparingLong(BucketChange::before).reversed());
        return new DumpDiff(grown, appeared, vanished, suspects(a, b, nanosBetween / NANOS_PER_MINUTE));
    }

    /** Counts per signature; {@code after} holds the count, the first bucket of a signature names it. */
    private static Map<String, BucketChange> bySignature(GoroutineDump d) {
        Map<String, BucketChange> out = new LinkedHashMap<>();
        for (GoroutineBucket x : d.buckets()) {
            out.merge(x.signature(), new BucketChange(x.signature(), x.state(), x.topFunction(), x.createdBy(), 0,
                    x.count()), (o, n) -> new BucketChange(o.signature(), o.state(), o.topFunction(), o.createdBy(), 0,
                    o.after() + n.after()));
        }
        return out;
    }

    private static List<LeakSuspect> suspects(GoroutineDump a, GoroutineDump b, double elapsedMinutes) {
        Map<Long, Goroutine> first = new HashMap<>();
        for (Goroutine g : a.goroutines()) {
            first.put(g.id(), g);
        }
        List<LeakSuspect> out = new ArrayList<>();
        for (Goroutine g : b.goroutines()) {
            Goroutine old = first.get(g.id());
            if (old == null || g.waitMinutes() < 0 || !isBlocked(g) || !isBlocked(old)) {
                continue;
            }
            GoroutineBucket now = b.buckets().get(g.bucket());
            if (!now.signature().equals(a.buckets().get(old.bucket()).signature())) {
                continue;
            }
            double grewBy = g.waitMinutes() - Math.max(0, old.waitMinutes());
            if (Math.abs(grewBy - elapsedMinutes) <= WAIT_TOLERANCE_MINUTES) {
                out.add(new LeakSuspect(g.id(), g.state(), now.topFunction(), now.createdBy(), old.waitMinutes(),
                        g.waitMinutes()));
            }
        }
        out.sort(Comparator.comparingInt(LeakSuspect::waitAfter).reversed()
                .thenComparingLong(LeakSuspect::id));
        return out;
    }

    private static boolean isBlocked(Goroutine g) {
        return !g.state().equals("running") && !g.state().equals("runnable");
    }
}
