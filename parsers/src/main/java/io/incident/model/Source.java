package io.incident.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One imported artifact as the common model: its identity, its raw clock, its tracks and the tables they refer to, its
 * diagnostics, and a format-specific summary (plain JSON-like values) for {@code inspect}. Immutable once built;
 * {@link #validate()} runs at construction so every consumer can trust the ids.
 */
public final class Source {
    private final SourceInfo info;
    private final ClockKind clockKind;
    private final StringTable strings;
    private final Args args;
    private final StackTable stacks;
    private final List<Track> tracks;
    private final List<Diagnostic> diagnostics;
    private final Map<String, Object> summary;

    public Source(SourceInfo info, ClockKind clockKind, StringTable strings, Args args, StackTable stacks,
                  List<Track> tracks, List<Diagnostic> diagnostics, Map<String, Object> summary) {
        this.info = info;
        this.clockKind = clockKind;
        this.strings = strings.freeze();
        this.args = args.freeze();
        this.stacks = stacks.freeze();
        this.tracks = List.copyOf(tracks);
        this.diagnostics = List.copyOf(diagnostics);
        this.summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        validate();
    }

    public SourceInfo info() {
        return info;
    }

    public ClockKind clockKind() {
        return clockKind;
    }

    public StringTable strings() {
        return strings;
    }

    public Args args() {
        return args;
    }

    public StackTable stacks() {
        return stacks;
    }

    public List<Track> tracks() {
        return tracks;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public Map<String, Object> summary() {
        return summary;
    }

    /** Earliest raw time over all tracks, or {@link Long#MAX_VALUE} when nothing is timed. */
    public long minTime() {
        long t = Long.MAX_VALUE;
        for (Track tr : tracks) {
            t = Math.min(t, tr.minTime());
        }
        return t;
    }

    /** Latest raw time over all tracks, or {@link Long#MIN_VALUE} when nothing is timed. */
    public long maxTime() {
        long t = Long.MIN_VALUE;
        for (Track tr : tracks) {
            t = Math.max(t, tr.maxTime());
        }
        return t;
    }

    public boolean hasTimeRange() {
        return minTime() <= maxTime();
    }

    public long eventCount() {
        long n = 0;
        for (Track t : tracks) {
            n += t.size();
        }
        return n;
    }

    public String label(int stringId) {
        return strings.get(stringId);
    }

    public Map<String, String> argsOf(int argSet) {
        return args.resolve(argSet, strings);
    }

    /** Checks that every id refers to an existing entry; throws {@link IllegalStateException} naming the first bad one. */
    public void validate() {
        int ns = strings.size();
        int na = args.size();
        int badSet = args.firstSetBeyond(ns);
        if (badSet >= 0) {
            for (int id : args.pairs(badSet)) {
                check(id >= 0 && id < ns, "arg set " + badSet + " refers to string " + id);
            }
        }
        for (int f = 1; f < stacks.frameCount(); f++) {
            check(stacks.frameFunction(f) < ns && stacks.frameFile(f) < ns, "frame " + f + " refers to a missing string");
        }
        // Per-event checks build their message only on failure: a million-event track must not cost a million strings.
        for (Track t : tracks) {
            String where = "track '" + t.name() + "'";
            if (t instanceof InstantTrack it) {
                for (int i = 0; i < it.size(); i++) {
                    if (it.label(i) < 0 || it.label(i) >= ns) {
                        fail(where + " event " + i + " label");
                    }
                    if (it.args(i) < 0 || it.args(i) >= na) {
                        fail(where + " event " + i + " args");
                    }
                    if (i > 0 && it.time(i - 1) > it.time(i)) {
                        fail(where + " not sorted at " + i);
                    }
                }
            } else if (t instanceof SpanTrack st) {
                for (int i = 0; i < st.size(); i++) {
                    if (st.label(i) < 0 || st.label(i) >= ns) {
                        fail(where + " span " + i + " label");
                    }
                    if (st.args(i) < 0 || st.args(i) >= na) {
                        fail(where + " span " + i + " args");
                    }
                    if (st.end(i) < st.start(i)) {
                        fail(where + " span " + i + " ends before it starts");
                    }
                    if (i > 0 && st.start(i - 1) > st.start(i)) {
                        fail(where + " not sorted at " + i);
                    }
                }
            } else if (t instanceof CounterTrack ct) {
                for (int i = 1; i < ct.size(); i++) {
                    if (ct.time(i - 1) > ct.time(i)) {
                        fail(where + " not sorted at " + i);
                    }
                }
            } else if (t instanceof SampleTrack sm) {
                for (int i = 0; i < sm.size(); i++) {
                    if (sm.stack(i) < 0 || sm.stack(i) >= stacks.callsiteCount()) {
                        fail(where + " sample " + i + " stack");
                    }
                    if (sm.thread(i) < 0 || sm.thread(i) >= ns) {
                        fail(where + " sample " + i + " thread");
                    }
                }
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            fail(what);
        }
    }

    /** Separate from the checks so that the message is built only for a broken model, not once per event. */
    private static void fail(String what) {
        throw new IllegalStateException("model invariant broken: " + what);
    }

    public static Builder builder(SourceInfo info, ClockKind clockKind) {
        return new Builder(info, clockKind);
    }

    /** Collects the tables and tracks while a reader runs. */
    public static final class Builder {
        private final SourceInfo info;
        private ClockKind clockKind;
        private final StringTable strings = new StringTable();
        private final Args args = new Args();
        private final StackTable stacks = new StackTable();
        private final Diagnostics diagnostics = new Diagnostics();
        private final List<Track> tracks = new ArrayList<>();
        private final Map<String, Object> summary = new LinkedHashMap<>();

        private Builder(SourceInfo info, ClockKind clockKind) {
            this.info = info;
            this.clockKind = clockKind;
        }

        public SourceInfo info() {
            return info;
        }

        public Builder clockKind(ClockKind kind) {
            this.clockKind = kind;
            return this;
        }

        public StringTable strings() {
            return strings;
        }

        public int intern(String s) {
            return strings.intern(s);
        }

        public Args args() {
            return args;
        }

        /** Interns an arg set from alternating keys and values. */
        public int args(String... keyValues) {
            return args.intern(strings, keyValues);
        }

        public StackTable stacks() {
            return stacks;
        }

        public Diagnostics diagnostics() {
            return diagnostics;
        }

        public Builder track(Track t) {
            tracks.add(t);
            return this;
        }

        public Builder summary(String key, Object value) {
            summary.put(key, value);
            return this;
        }

        public Source build() {
            return new Source(info, clockKind, strings, args, stacks, tracks, diagnostics.snapshot(), summary);
        }
    }
}
