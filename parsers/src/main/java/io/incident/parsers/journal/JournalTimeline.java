package io.incident.parsers.journal;

import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns journal entries (from either parser) into tracks: one log lane per unit, recognised events, Go GC spans and
 * heap counters, sequence-number gaps and long silences, and the {@code inspect} summary.
 */
final class JournalTimeline implements EntrySink {
    /** System property: seconds without any entry (within one boot) that count as a silence. */
    static final String SILENCE_PROPERTY = "workbench.journal.silenceSeconds";
    /** Latest realtime stamp that fits epoch nanoseconds in a long (year 2262). */
    private static final long MAX_MICROS = Long.MAX_VALUE / 1000;
    static final long DEFAULT_SILENCE_SECONDS = 60;
    /**
     * System property: put each entry's seqnum in its args. Off by default: a unique string and arg set per entry
     * costs about 1 s and 3 s of GC per million entries, and a log view filters by unit, PID, priority and boot.
     */
    static final String SEQNUM_ARGS_PROPERTY = "workbench.journal.seqnumArgs";
    private static final String[] PRIORITY_TEXT = {"0", "1", "2", "3", "4", "5", "6", "7"};

    private final Source.Builder builder;
    private final long silenceNanos;
    private final boolean seqnumArgs;
    private final StringIds ids;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final Set<String> boots = new HashSet<>();
    private final long[] priorityCounts = new long[8];
    private final InstantTrack.Builder oomKills = InstantTrack.builder("OOM kills", JournalArgs.EVENT_GROUP);
    private final InstantTrack.Builder unitChanges = InstantTrack.builder("unit changes", JournalArgs.EVENT_GROUP);
    private final InstantTrack.Builder acceptErrors = InstantTrack.builder("accept errors", JournalArgs.EVENT_GROUP);
    private final SpanTrack.Builder gaps = SpanTrack.builder("gaps", JournalArgs.EVENT_GROUP);
    private final Map<String, GoTracks> goTracks = new TreeMap<>();
    private final Map<String, SeqnumState> seqnums = new HashMap<>();
    private final int[] argIds = new int[2 * 10];
    private final int[] keyIds;
    private long entries;
    private long seqnumGaps;
    private long lastTime = Long.MIN_VALUE;
    private String lastBoot;
    private String lastLaneKey;
    private Lane lastLane;
    private String lastSeqnumId;
    private SeqnumState lastSeqnumState;

    /** One unit's log lane and how many entries it has (including those without a time). */
    private static final class Lane {
        final InstantTrack.Builder track;
        long entries;

        Lane(String key) {
            track = InstantTrack.builder(key, JournalArgs.LOG_GROUP);
        }
    }

    /** The last sequence number seen for one __SEQNUM_ID, and when. */
    private static final class SeqnumState {
        long seqnum;
        long time;
    }

    /** The Go runtime lanes of one unit. */
    private static final class GoTracks {
        final SpanTrack.Builder gc;
        final SpanTrack.Builder stw;
        final CounterTrack.Builder live;
        final CounterTrack.Builder goal;

        GoTracks(String unit) {
            String group = JournalArgs.GO_GROUP_PREFIX + unit;
            gc = SpanTrack.builder("Go GC", group);
            stw = SpanTrack.builder("Go GC stop-the-world", group);
            live = CounterTrack.builder("Go heap live MB", group, "MB");
            goal = CounterTrack.builder("Go heap goal MB", group, "MB");
        }
    }

    JournalTimeline(Source.Builder builder, long silenceNanos, boolean seqnumArgs) {
        this.builder = builder;
        this.silenceNanos = silenceNanos;
        this.seqnumArgs = seqnumArgs;
        this.ids = new StringIds(builder.strings());
        String[] keys = {JournalArgs.MESSAGE, JournalArgs.PRIORITY, JournalArgs.PID, JournalArgs.COMM,
            JournalArgs.UNIT, JournalArgs.IDENTIFIER, JournalArgs.BOOT, JournalArgs.SEQNUM, JournalArgs.SEQNUM_ID};
        keyIds = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keyIds[i] = builder.intern(keys[i]);
        }
    }

    /** A timeline configured from the system properties {@link #SILENCE_PROPERTY} and {@link #SEQNUM_ARGS_PROPERTY}. */
    static JournalTimeline fromSystemProperties(Source.Builder builder) {
        return new JournalTimeline(builder, Long.getLong(SILENCE_PROPERTY, DEFAULT_SILENCE_SECONDS) * 1_000_000_000L,
                Boolean.getBoolean(SEQNUM_ARGS_PROPERTY));
    }

    long entries() {
        return entries;
    }

    @Override
    public void accept(JournalEntry e) {
        entries++;
        if (e.bootId != null && e.bootId != lastBoot) {
            boots.add(e.bootId);
        }
        if (e.priority >= 0 && e.priority < 8) {
            priorityCounts[e.priority]++;
        }
        String laneKey = e.laneKey();
        Lane lane = laneKey == lastLaneKey ? lastLane : lanes.computeIfAbsent(laneKey, Lane::new);
        lastLaneKey = laneKey;
        lastLane = lane;
        lane.entries++;
        if (e.realtimeMicros == JournalEntry.ABSENT || e.realtimeMicros > MAX_MICROS) {
            builder.diagnostics().warn("entry-without-time", e.where(),
                    "entry has no usable __REALTIME_TIMESTAMP; counted but not placed on the timeline");
            lastBoot = e.bootId;
            return;
        }
        long t = e.realtimeMicros * 1000;
        String message = e.message == null ? "" : e.message;
        if (e.messageOmitted) {
            builder.diagnostics().info("large-field-omitted", e.where(),
                    "MESSAGE is null: journalctl left out a large field (export with --all to keep it)");
        }
        boolean cut = message.length() > JournalArgs.LABEL_MAX_CHARS;
        int label = builder.intern(cut ? cutLabel(message) : message);
        lane.track.add(t, label, logArgs(e, cut ? message : null, laneKey));
        markGaps(e, t);
        if (!message.isEmpty()) {
            recognise(e, message, laneKey, t);
        }
    }

    /** The message's first {@link JournalArgs#LABEL_MAX_CHARS} characters and an ellipsis, never half a surrogate pair. */
    private static String cutLabel(String message) {
        int end = JournalArgs.LABEL_MAX_CHARS;
        if (Character.isHighSurrogate(message.charAt(end - 1))) {
            end--;
        }
        return message.substring(0, end) + "\u2026";
    }

    private int logArgs(JournalEntry e, String fullMessage, String lane) {
        int n = 0;
        if (fullMessage != null) {
            n = put(n, 0, builder.intern(fullMessage));
        }
        if (e.priority >= 0) {
            n = put(n, 1, ids.ofNumber(e.priority));
        }
        if (e.pid != JournalEntry.ABSENT) {
            n = put(n, 2, ids.ofNumber(e.pid));
        }
        n = put(n, 3, e.comm);
        n = put(n, 4, lane);
        n = put(n, 5, e.syslogIdentifier);
        n = put(n, 6, e.bootId);
        if (e.seqnum != JournalEntry.ABSENT && seqnumArgs) {
            n = put(n, 7, ids.ofNumber(e.seqnum));
        }
        n = put(n, 8, e.seqnumId);
        return builder.args().intern(java.util.Arrays.copyOf(argIds, n));
    }

    private int put(int n, int key, String value) {
        return value == null ? n : put(n, key, ids.of(value));
    }

    private int put(int n, int key, int valueId) {
        argIds[n] = keyIds[key];
        argIds[n + 1] = valueId;
        return n + 2;
    }

    private void markGaps(JournalEntry e, long t) {
        if (e.seqnum != JournalEntry.ABSENT) {
            String id = e.seqnumId == null ? "" : e.seqnumId;
            SeqnumState st = id == lastSeqnumId ? lastSeqnumState : seqnums.get(id);
            if (st == null) {
                st = new SeqnumState();
                st.seqnum = e.seqnum;
                seqnums.put(id, st);
            } else if (e.seqnum > st.seqnum + 1) {
                long missing = e.seqnum - st.seqnum - 1;
                seqnumGaps++;
                builder.diagnostics().warn("seqnum-gap", e.where(), missing + " entries missing before seqnum "
                        + e.seqnum + " (journal rotated, rate-limited, or the export was filtered)");
                gaps.add(Math.min(st.time, t), t, builder.intern("seqnum gap: " + missing + " missing"),
                        builder.args("from", Long.toString(st.seqnum), "to", Long.toString(e.seqnum),
                                JournalArgs.SEQNUM_ID, id));
            }
            st.seqnum = e.seqnum;
            st.time = t;
            lastSeqnumId = id;
            lastSeqnumState = st;
        }
        boolean sameBoot = lastBoot == null || lastBoot.equals(e.bootId);
        if (lastTime != Long.MIN_VALUE && sameBoot && t - lastTime > silenceNanos) {
            builder.diagnostics().info("silence", e.where(), "no entry for " + (t - lastTime) / 1_000_000_000L
                    + " s before this one (more than " + silenceNanos / 1_000_000_000L + " s)");
            gaps.add(lastTime, t, builder.intern("silence " + (t - lastTime) / 1_000_000_000L + " s"), 0);
        }
        if (t >= lastTime || !sameBoot) {
            lastTime = t;
        }
        lastBoot = e.bootId;
    }

    private void recognise(JournalEntry e, String message, String lane, long t) {
        EventPatterns.OomKill oom = EventPatterns.oomKill(message);
        if (oom != null) {
            oomKills.add(t, builder.intern("OOM kill " + oom.name() + " (" + oom.pid() + ")"),
                    builder.args("killedPid", Long.toString(oom.pid()), "killedName", oom.name(),
                            JournalArgs.BOOT, nz(e.bootId)));
            return;
        }
        EventPatterns.UnitChange uc = EventPatterns.unitChange(e.syslogIdentifier, message);
        if (uc != null) {
            String unit = uc.action().byDescription() && e.aboutUnit != null ? e.aboutUnit : uc.unit();
            String action = uc.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            unitChanges.add(t, builder.intern(unit + " " + action + (uc.detail().isEmpty() ? "" : " " + uc.detail())),
                    builder.args("unit", unit, "action", action, "detail", uc.detail(), JournalArgs.BOOT, nz(e.bootId)));
            return;
        }
        EventPatterns.AcceptError ae = EventPatterns.acceptError(message);
        if (ae != null) {
            acceptErrors.add(t, builder.intern("accept error: " + ae.cause()),
                    builder.args(JournalArgs.UNIT, lane, JournalArgs.PID, e.pid == JournalEntry.ABSENT ? ""
                            : Long.toString(e.pid), "error", ae.error(), "retry", ae.retry(),
                            JournalArgs.BOOT, nz(e.bootId)));
            return;
        }
        GcTrace gc = GcTrace.parse(message);
        if (gc != null) {
            addGc(gc, lane, t, e);
        }
    }

    private void addGc(GcTrace gc, String lane, long end, JournalEntry e) {
        GoTracks go = goTracks.computeIfAbsent(lane, GoTracks::new);
        long start = end - gc.wallNanos();
        int args = builder.args("cycle", Long.toString(gc.cycle()), "sweepTerminationMs", Double.toString(gc.sweepTermMs()),
                "markMs", Double.toString(gc.markMs()), "markTerminationMs", Double.toString(gc.markTermMs()),
                "cpuMs", gc.cpuPhases(), "heapMb", gc.heapStartMb() + "->" + gc.heapEndMb() + "->" + gc.heapLiveMb(),
                "goalMb", Long.toString(gc.goalMb()), "procs", Integer.toString(gc.procs()),
                "forced", Boolean.toString(gc.forced()), JournalArgs.PID,
                e.pid == JournalEntry.ABSENT ? "" : Long.toString(e.pid));
        go.gc.add(start, end, builder.intern("GC " + gc.cycle() + (gc.forced() ? " (forced)" : "")), args);
        long sweep = Math.round(gc.sweepTermMs() * 1e6);
        long markTerm = Math.round(gc.markTermMs() * 1e6);
        go.stw.add(start, start + sweep, builder.intern("sweep termination"), args);
        go.stw.add(end - markTerm, end, builder.intern("mark termination"), args);
        go.live.add(end, gc.heapLiveMb());
        go.goal.add(end, gc.goalMb());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Adds the tracks and the summary to the builder. */
    void finish() {
        Map<String, Object> units = new LinkedHashMap<>();
        new TreeMap<>(lanes).forEach((key, lane) -> {
            units.put(key, lane.entries);
            if (lane.track.size() > 0) {
                builder.track(lane.track.build());
            }
        });
        for (InstantTrack.Builder b : List.of(oomKills, unitChanges, acceptErrors)) {
            if (b.size() > 0) {
                builder.track(b.build());
            }
        }
        for (GoTracks go : goTracks.values()) {
            builder.track(go.gc.build()).track(go.stw.build()).track(go.live.build()).track(go.goal.build());
        }
        if (gaps.size() > 0) {
            builder.track(gaps.build());
        }
        Map<String, Object> priorities = new LinkedHashMap<>();
        for (int p = 0; p < 8; p++) {
            if (priorityCounts[p] > 0) {
                priorities.put(PRIORITY_TEXT[p], priorityCounts[p]);
            }
        }
        builder.summary("entries", entries).summary("boots", boots.size()).summary("units", units)
                .summary("priorities", priorities).summary("seqnumGaps", seqnumGaps);
    }
}
