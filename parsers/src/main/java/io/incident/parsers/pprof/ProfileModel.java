package io.incident.parsers.pprof;

import io.incident.parsers.util.LongIntMap;
import io.incident.model.ClockKind;
import io.incident.model.Diagnostics;
import io.incident.model.SampleTrack;
import io.incident.model.SampleType;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.StackTable;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.ReadContext;
import io.incident.parsers.pprof.proto.ProfileProto.Label;
import io.incident.parsers.pprof.proto.ProfileProto.SampleOrBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a checked profile into the common model: one untimed {@link SampleTrack} with every sample type, stacks interned
 * root first (a location's inlined lines expand to several frames, the caller before the inlined callee), and, when the
 * profile has a collection time and duration, a "profile window" span so the source has a time range. Work is linear in
 * the profile's size: every location's frames are built once, and each sample only walks its location indexes.
 */
final class ProfileModel {
    /** Label keys whose value names the thread (or goroutine) a sample ran on, in order of preference. */
    private static final List<String> THREAD_KEYS = List.of("thread_name", "thread", "goroutine", "thread_id", "tid");

    private ProfileModel() {
    }

    static Source toSource(ProfileData p, ProfileCheck check, Source.Builder b, ReadContext ctx)
            throws IOException, ArtifactException {
        int[][] locationFrames = locationFrames(p, check.tables(), b);
        List<SampleType> types = new ArrayList<>();
        for (int i = 0; i < p.sampleTypeCount(); i++) {
            types.add(new SampleType(p.string(p.sampleTypeType(i)), p.string(p.sampleTypeUnit(i))));
        }
        int defaultType = defaultType(p);
        String periodType = p.string(p.periodType());
        String trackName = "pprof " + (periodType.isEmpty() ? (types.isEmpty() ? "profile" : types.get(defaultType).type())
                : periodType);
        LongIntMap labelKeys = new LongIntMap();
        long[] totals = new long[types.size()];
        long kept = p.sampleCount();
        if (!types.isEmpty()) {
            // The check refuses samples without sample types, so a profile without types has no samples.
            SampleTrack.Builder track = SampleTrack.builder(trackName, "pprof", types, defaultType);
            Stacks stacks = new Stacks(p, locationFrames, b.stacks(), ctx.limits().maxStackDepth(), b.diagnostics());
            long[] values = new long[types.size()];
            p.samples().forEach((i, sample, encodedBytes) -> {
                int[] locations = check.sample(i, sample);
                int leaf = stacks.leaf(i, locations, sample.getLocationIdCount(), encodedBytes);
                if (leaf < 0) {
                    return;
                }
                for (int v = 0; v < values.length; v++) {
                    values[v] = sample.getValue(v);
                    totals[v] += values[v];
                }
                track.add(SampleTrack.UNTIMED, thread(sample, p, b, labelKeys), leaf, values);
            });
            kept = track.size();
            b.track(track.build());
        }
        boolean timed = p.timeNanos() != 0 && p.durationNanos() > 0;
        if (timed) {
            b.clockKind(ClockKind.ABSOLUTE_UTC);
            int args = b.args(windowArgs(p, periodType));
            b.track(SpanTrack.builder("profile window", "pprof")
                    .add(p.timeNanos(), p.timeNanos() + p.durationNanos(),
                            b.intern(windowLabel(trackName.substring("pprof ".length()), p.durationNanos())), args)
                    .build());
        }
        summarize(p, b, types, totals, labelKeys.size(), kept);
        return b.build();
    }

    /** Each location's frames root first: its last line (the caller) first, its first line (inlined leaf) last. */
    private static int[][] locationFrames(ProfileData p, ProfileCheck.Tables tables, Source.Builder b) {
        int[][] out = new int[p.locationCount()][];
        StackTable stacks = b.stacks();
        int[] functionName = new int[p.functionCount()];
        int[] functionFile = new int[p.functionCount()];
        for (int i = 0; i < p.functionCount(); i++) {
            String name = p.string(p.functionName(i));
            functionName[i] = b.intern(name.isEmpty() ? p.string(p.functionSystemName(i)) : name);
            functionFile[i] = b.intern(p.string(p.functionFilename(i)));
        }
        for (int i = 0; i < p.locationCount(); i++) {
            int start = p.lineStart(i);
            int lines = p.lineStart(i + 1) - start;
            if (lines == 0) {
                int mapping = tables.mappings().get(p.locationMapping(i));
                int file = mapping < 0 ? 0 : b.intern(p.string(p.mappingFilename(mapping)));
                out[i] = new int[] {stacks.frame(b.intern("0x" + Long.toHexString(p.locationAddress(i))), file, 0)};
                continue;
            }
            int[] frames = new int[lines];
            for (int k = 0; k < lines; k++) {
                int line = start + lines - 1 - k;
                int f = tables.functions().get(p.lineFunction(line));
                frames[k] = stacks.frame(functionName[f], functionFile[f], (int) Math.max(0, Math.min(Integer.MAX_VALUE,
                        p.lineNumber(line))));
            }
            out[i] = frames;
        }
        return out;
    }

    /**
     * The sample's thread: its most preferred thread-naming label's value, or "" when it has none. Label keys are
     * told apart by their strings, as pprof keys labels; {@code labelKeys} holds each key index seen with its rank in
     * {@link #THREAD_KEYS} plus one (0 for a key that names no thread), so each key's string is read once.
     */
    private static int thread(SampleOrBuilder sample, ProfileData p, Source.Builder b, LongIntMap labelKeys) {
        int labels = sample.getLabelCount();
        if (labels == 0) {
            return 0;
        }
        int best = THREAD_KEYS.size();
        Label chosen = null;
        for (int l = 0; l < labels; l++) {
            Label label = sample.getLabel(l);
            long key = label.getKey();
            int rank = labelKeys.get(key);
            if (rank == LongIntMap.MISSING) {
                rank = THREAD_KEYS.indexOf(p.string(key)) + 1;
                labelKeys.putIfAbsent(key, rank);
            }
            if (rank > 0 && rank - 1 < best) {
                best = rank - 1;
                chosen = label;
            }
        }
        if (chosen == null) {
            return 0;
        }
        return b.intern(chosen.getStr() != 0 ? p.string(chosen.getStr()) : Long.toString(chosen.getNum()));
    }

    /** default_sample_type names a sample type by its type string; without it pprof uses the last sample type. */
    private static int defaultType(ProfileData p) {
        int n = p.sampleTypeCount();
        if (p.defaultSampleType() != 0) {
            String wanted = p.string(p.defaultSampleType());
            for (int i = 0; i < n; i++) {
                if (p.string(p.sampleTypeType(i)).equals(wanted)) {
                    return i;
                }
            }
        }
        return Math.max(0, n - 1);
    }

    /** The profile-level fields, kept on the window span: period, comments, frame filters, mappings. */
    private static String[] windowArgs(ProfileData p, String periodType) {
        List<String> kv = new ArrayList<>(List.of("period", Long.toString(p.period()), "period_type",
                periodType + "/" + p.string(p.periodUnit()), "mappings", Integer.toString(p.mappingCount())));
        long[] comments = p.comments();
        if (comments.length > 0) {
            kv.add("comments");
            kv.add(Arrays.stream(comments).mapToObj(p::string)
                    .collect(java.util.stream.Collectors.joining("\n")));
        }
        if (p.dropFrames() != 0) {
            kv.add("drop_frames");
            kv.add(p.string(p.dropFrames()));
        }
        if (p.keepFrames() != 0) {
            kv.add("keep_frames");
            kv.add(p.string(p.keepFrames()));
        }
        return kv.toArray(new String[0]);
    }

    static String windowLabel(String kind, long durationNanos) {
        double seconds = durationNanos / 1e9;
        String d = seconds >= 1 ? (Math.rint(seconds) == seconds ? String.format(java.util.Locale.ROOT, "%.0f s", seconds)
                : String.format(java.util.Locale.ROOT, "%.1f s", seconds)) : String.format(java.util.Locale.ROOT, "%.0f ms", durationNanos / 1e6);
        String k = kind.isEmpty() ? "" : Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        if (k.equalsIgnoreCase("cpu")) {
            k = "CPU";
        }
        return (k.isEmpty() ? "" : k + " ") + "profile, " + d;
    }

    private static void summarize(ProfileData p, Source.Builder b, List<SampleType> types, long[] totals, int labelKeys,
                                  long samples) {
        List<Object> sampleTypes = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("type", types.get(i).type());
            t.put("unit", types.get(i).unit());
            t.put("total", totals[i]);
            sampleTypes.add(t);
        }
        b.summary("sampleTypes", sampleTypes);
        b.summary("samples", samples);
        b.summary("locations", (long) p.locationCount());
        b.summary("functions", (long) p.functionCount());
        b.summary("timeNanos", p.timeNanos());
        b.summary("durationNanos", p.durationNanos());
        b.summary("labelKeys", (long) labelKeys);
    }

    /**
     * Each sample's stack as a leaf call site: its locations' frames root first, interned in the source's table. The
     * table's columns are sized once, from what the first sixteenth of the samples' bytes added: a profile of distinct
     * stacks adds nearly a call site per frame, millions in all, which doubling would copy and, once trimmed, copy
     * again; a profile of repeated stacks adds few. The share of new call sites only falls as the table fills, so the
     * first sixteenth's rate is a high estimate for the rest; it is capped by the profile's size in bytes, so that a
     * hostile file cannot make it reserve more than its own size allows, and a low estimate only means growing again.
     */
    private static final class Stacks {
        private final int[][] locationFrames;
        private final StackTable table;
        private final int maxDepth;
        private final Diagnostics diagnostics;
        private final long totalBytes;
        private final long inputBytes;
        private final int firstSite;
        private long bytesSeen;
        private boolean reserved;
        private int[] scratch = new int[64];

        Stacks(ProfileData p, int[][] locationFrames, StackTable table, int maxDepth, Diagnostics diagnostics) {
            this.locationFrames = locationFrames;
            this.table = table;
            this.maxDepth = maxDepth;
            this.diagnostics = diagnostics;
            this.totalBytes = p.sampleBytes();
            this.inputBytes = p.inputBytes();
            this.firstSite = table.callsiteCount();
        }

        /**
         * The leaf call site of sample i, whose {@code count} locations (leaf first, as the file lists them) are at
         * these indexes, or -1 for a sample without locations, which is left out.
         */
        int leaf(int i, int[] locations, int count, int encodedBytes) {
            bytesSeen += encodedBytes;
            if (count == 0) {
                diagnostics.info("pprof.empty-stack-dropped", "sample " + i, "a sample without any location "
                        + "is left out, as go tool pprof leaves such samples out of its reports and totals");
                return -1;
            }
            int n = 0;
            for (int k = count - 1; k >= 0; k--) {
                int[] frames = locationFrames[locations[k]];
                if (n + frames.length > scratch.length) {
                    scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, n + frames.length));
                }
                System.arraycopy(frames, 0, scratch, n, frames.length);
                n += frames.length;
            }
            if (n > maxDepth) {
                diagnostics.warn("pprof.stack-too-deep", "sample " + i, "stack of " + n
                        + " frames cut to maxStackDepth " + maxDepth + " (leaf frames dropped)");
                n = maxDepth;
            }
            int leaf = table.stack(scratch, n);
            if (!reserved && bytesSeen * 16 >= totalBytes) {
                reserved = true;
                double perByte = (double) (table.callsiteCount() - firstSite) / bytesSeen;
                long more = (long) (perByte * (totalBytes - bytesSeen));
                table.reserveCallsites((int) Math.min(Math.min(more, inputBytes), Integer.MAX_VALUE - 8));
            }
            return leaf;
        }
    }
}
