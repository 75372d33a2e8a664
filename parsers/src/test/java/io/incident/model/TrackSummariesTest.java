package io.incident.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.incident.parsers.Cancellation;
import io.incident.parsers.Detection;
import io.incident.parsers.Formats;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The summaries the tracks are built with (counter min/max blocks, the running latest span end) give what a scan of
 * the columns gives, on every counter and span track of the sample incident's real files, for random index and time
 * ranges and for ranges that start and end on block edges.
 */
class TrackSummariesTest {
    @ParameterizedTest
    @ValueSource(strings = {"service.strace", "client.jfr", "service.pcap", "journal.export"})
    void summariesAgreeWithAScanOfTheColumns(String file) throws Exception {
        Source s = read(file);
        Random random = new Random(file.hashCode());
        int checked = 0;
        for (Track t : s.tracks()) {
            if (t instanceof CounterTrack ct && ct.size() > 0) {
                checkCounter(ct, random);
                checked++;
            } else if (t instanceof SpanTrack st && st.size() > 0) {
                checkSpans(st, random);
                checked++;
            }
        }
        assertTrue(checked > 0, file + " has counters or spans");
    }

    private static void checkCounter(CounterTrack ct, Random random) {
        int n = ct.size();
        double[] all = scan(ct, 0, n);
        assertEquals(all[0], ct.blocks().min(), ct.name());
        assertEquals(all[1], ct.blocks().max(), ct.name());
        for (int k = 0; k < 200; k++) {
            int a = k < 3 ? k * CounterBlocks.SMALL : random.nextInt(n + 1);
            int b = k < 3 ? Math.min(n, a + CounterBlocks.LARGE) : a + random.nextInt(n - a + 1);
            double[] expected = scan(ct, Math.min(a, n), b);
            double[] got = ct.blocks().minMax(Math.min(a, n), b);
            assertEquals(expected[0], got[0], ct.name() + " [" + a + ", " + b + ")");
            assertEquals(expected[1], got[1], ct.name() + " [" + a + ", " + b + ")");
        }
    }

    private static double[] scan(CounterTrack ct, int a, int b) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = a; i < b; i++) {
            lo = Math.min(lo, ct.value(i));
            hi = Math.max(hi, ct.value(i));
        }
        return new double[] {lo, hi};
    }

    private static void checkSpans(SpanTrack st, Random random) {
        long lo = st.minTime();
        long hi = st.maxTime();
        for (int k = 0; k < 200; k++) {
            long t = k == 0 ? lo : k == 1 ? hi : k == 2 ? hi + 1 : lo + (long) (random.nextDouble() * (hi - lo));
            int expected = st.size();
            for (int i = 0; i < st.size(); i++) {
                if (st.end(i) >= t) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, st.indexEndingAtOrAfter(t), st.name() + " at " + t);
        }
    }

    private static Source read(String file) throws Exception {
        Path p = Path.of(System.getProperty("project.root", ".."), "sample-data", "incident", file).toAbsolutePath();
        assumeTrue(Files.exists(p), "sample incident not present: " + p);
        Detection d = Formats.detect(p);
        return d.reader().read(new ReadContext(p, new SourceInfo(file, d.kind(), Files.size(p), ""), Limits.DEFAULT,
                Progress.NONE, Cancellation.none()));
    }
}
