package io.incident.parsers.goroutine;

import io.incident.model.Source;
import io.incident.model.StackTable;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed goroutine dump: the model {@link Source} for the timeline and flame graph, plus what the UI and the findings
 * need beyond it: every goroutine, the buckets sorted by count, and the header of a crash (panic, fatal error, signal).
 * Stack ids refer to {@link Source#stacks()} of {@link #source()}.
 */
public final class GoroutineDump {
    /** Which of Go's outputs the file mainly is. */
    public enum Format {
        /** {@code /debug/pprof/goroutine?debug=2} or {@code runtime.Stack(all)}: full goroutine headers and frames. */
        DEBUG2,
        /** {@code /debug/pprof/goroutine?debug=1}: aggregated records, no ids or states. */
        DEBUG1,
        /** A panic, fatal error or signal traceback (any GOTRACEBACK level). */
        TRACEBACK,
        /** Only race detector reports. */
        RACE
    }

    private final Source source;
    private final Format format;
    private final long goroutineCount;
    private final List<Goroutine> goroutines;
    private final List<GoroutineBucket> buckets;
    private final List<String> panics;
    private final List<String> fatalErrors;
    private final List<String> signals;
    private final List<RaceAccess> races;
    private final boolean truncated;
    private final int longestWaitMinutes;

    GoroutineDump(Source source, Format format, long goroutineCount, List<Goroutine> goroutines,
                  List<GoroutineBucket> buckets, List<String> panics, List<String> fatalErrors, List<String> signals,
                  List<RaceAccess> races, boolean truncated, int longestWaitMinutes) {
        this.source = source;
        this.format = format;
        this.goroutineCount = goroutineCount;
        this.goroutines = List.copyOf(goroutines);
        this.buckets = List.copyOf(buckets);
        this.panics = List.copyOf(panics);
        this.fatalErrors = List.copyOf(fatalErrors);
        this.signals = List.copyOf(signals);
        this.races = List.copyOf(races);
        this.truncated = truncated;
        this.longestWaitMinutes = longestWaitMinutes;
    }

    public Source source() {
        return source;
    }

    public Format format() {
        return format;
    }

    /** Goroutine headers seen, or a debug=1 profile's {@code total N}. */
    public long goroutineCount() {
        return goroutineCount;
    }

    /** Every goroutine with a header, in file order (empty for a debug=1 profile). */
    public List<Goroutine> goroutines() {
        return goroutines;
    }

    /** Buckets, largest first. */
    public List<GoroutineBucket> buckets() {
        return buckets;
    }

    /** Panic messages in file order ({@code panic: X [recovered]} and nested {@code panic: Y} included). */
    public List<String> panics() {
        return panics;
    }

    public List<String> fatalErrors() {
        return fatalErrors;
    }

    /** Signal lines: {@code SIGSEGV: segmentation violation code=...} from {@code [signal ...]}, {@code SIGQUIT: quit}. */
    public List<String> signals() {
        return signals;
    }

    public List<RaceAccess> races() {
        return races;
    }

    /** Whether the dump ends inside a goroutine (cut off, as pprof does at 64 MB). */
    public boolean truncated() {
        return truncated;
    }

    /** Longest printed wait over all goroutines, or -1 when none printed one. */
    public int longestWaitMinutes() {
        return longestWaitMinutes;
    }

    /** Function names of a stack, root first. */
    public List<String> functions(int stack) {
        StackTable st = source.stacks();
        int[] frames = st.framesRootFirst(stack);
        List<String> out = new ArrayList<>(frames.length);
        for (int f : frames) {
            out.add(source.label(st.frameFunction(f)));
        }
        return out;
    }
}
