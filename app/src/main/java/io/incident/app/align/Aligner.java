package io.incident.app.align;

import io.incident.model.Clock;
import io.incident.model.ClockKind;
import io.incident.model.Source;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Proposes a clock for every source from events seen by two of them. The first source with an absolute clock is the
 * reference (offset 0); every other source is solved against the already solved source it shares the most pairs
 * with, so a chain like journal - strace - capture - goroutine dump places all four. The offset is the median of the
 * pair deltas (robust to a few wrong pairs), the residual their median absolute deviation. Nothing is applied here.
 */
public final class Aligner {
    /** A residual of this size halves the confidence. */
    static final long RESIDUAL_SCALE_NANOS = 1_000_000L;

    public record Input(String file, Source source) {
    }

    private Aligner() {
    }

    public static List<Proposal> solve(List<Input> inputs) {
        int n = inputs.size();
        long[] total = new long[n];
        boolean[] known = new boolean[n];
        Proposal[] out = new Proposal[n];
        int ref = reference(inputs);
        if (ref < 0) {
            return unsolved(inputs, -1);
        }
        known[ref] = true;
        out[ref] = new Proposal(inputs.get(ref).file(), 0, null, List.of(), 0, 1.0, "reference clock", true);
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int u = 0; u < n; u++) {
                if (known[u]) {
                    continue;
                }
                int bestK = -1;
                List<Pair> best = List.of();
                for (int k = 0; k < n; k++) {
                    if (known[k]) {
                        List<Pair> p = Matchers.match(inputs.get(k).source(), inputs.get(u).source());
                        if (p.size() > best.size()) {
                            best = p;
                            bestK = k;
                        }
                    }
                }
                if (bestK >= 0) {
                    long median = median(best);
                    total[u] = total[bestK] + median;
                    known[u] = true;
                    out[u] = proposal(inputs.get(u), inputs.get(bestK).file(), best, total[bestK], total[u]);
                    progress = true;
                }
            }
        }
        List<Proposal> rest = unsolved(inputs, ref);
        for (int i = 0; i < n; i++) {
            if (out[i] == null) {
                out[i] = rest.get(i);
            }
        }
        return Arrays.asList(out);
    }

    private static int reference(List<Input> inputs) {
        for (int i = 0; i < inputs.size(); i++) {
            Source s = inputs.get(i).source();
            if (s.clockKind() == ClockKind.ABSOLUTE_UTC && s.hasTimeRange()) {
                return i;
            }
        }
        return -1;
    }

    private static Proposal proposal(Input u, String against, List<Pair> raw, long refTotal, long total) {
        List<Pair> placed = new ArrayList<>(raw.size());
        long[] dev = new long[raw.size()];
        for (int i = 0; i < raw.size(); i++) {
            Pair p = raw.get(i);
            placed.add(new Pair(p.referenceTime() + refTotal, p.otherTime() + total, p.what()));
            dev[i] = Math.abs(placed.get(i).delta());
        }
        Arrays.sort(dev);
        long residual = dev[dev.length / 2];
        double confidence = (1 - Math.pow(0.5, raw.size())) * RESIDUAL_SCALE_NANOS / (RESIDUAL_SCALE_NANOS + residual);
        String basis = "aligned with " + against + ": " + (raw.size() == 1 ? raw.get(0).what()
                : raw.size() + " pairs (" + kinds(raw) + ")");
        long offset = total;
        LocalDate date = null;
        if (u.source().clockKind() == ClockKind.TIME_OF_DAY) {
            long days = Math.floorDiv(total + Clock.NANOS_PER_DAY / 2, Clock.NANOS_PER_DAY);
            date = LocalDate.ofEpochDay(days);
            offset = total - days * Clock.NANOS_PER_DAY;
        }
        return new Proposal(u.file(), offset, date, placed, residual, confidence, basis, true);
    }

    private static String kinds(List<Pair> pairs) {
        return pairs.get(0).what().split(" ")[0] + (pairs.stream().map(p -> p.what().split(" ")[0]).distinct().count() > 1
                ? " and others" : "");
    }

    /** Sources no pair reaches keep their clock; a time-of-day source still gets the date that overlaps the reference. */
    private static List<Proposal> unsolved(List<Input> inputs, int ref) {
        List<Proposal> out = new ArrayList<>();
        for (Input in : inputs) {
            Source s = in.source();
            LocalDate date = null;
            String basis = "no events shared with another source; clock unchanged";
            if (s.clockKind() == ClockKind.TIME_OF_DAY && ref >= 0 && s.hasTimeRange()) {
                Source r = inputs.get(ref).source();
                long refMid = r.minTime() / 2 + r.maxTime() / 2;
                long todMid = s.minTime() / 2 + s.maxTime() / 2;
                date = LocalDate.ofEpochDay(Math.floorDiv(refMid - todMid + Clock.NANOS_PER_DAY / 2, Clock.NANOS_PER_DAY));
                basis = "no events shared with another source; date chosen to overlap " + inputs.get(ref).file();
            }
            out.add(new Proposal(in.file(), 0, date, List.of(), 0, 0, basis, false));
        }
        return out;
    }

    static long median(List<Pair> pairs) {
        long[] d = new long[pairs.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = pairs.get(i).delta();
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }
}
