package io.incident.parsers.pprof;

import io.incident.parsers.util.LongIntMap;
import io.incident.model.ClockKind;
import io.incident.model.SampleTrack;
import io.incident.model.SampleType;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.StackTable;
import io.incident.parsers.ReadContext;
import io.incident.parsers.pprof.proto.ProfileProto.Function;
import io.incident.parsers.pprof.proto.ProfileProto.Label;
import io.incident.parsers.pprof.proto.ProfileProto.Line;
import io.incident.parsers.pprof.proto.ProfileProto.Location;
import io.incident.parsers.pprof.proto.ProfileProto.Profile;
import io.incident.parsers.pprof.proto.ProfileProto.Sample;
import io.incident.parsers.pprof.proto.ProfileProto.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a checked profile into the common model: one untimed {@link SampleTrack} with every sample type, stacks interned
 * root first (a location's inlined lines expand to several frames, the caller before the inlined callee), and, when the
 * profile has a collection time and duration, a "profile window" span so the source has a time range. Work is linear in
 * the profile's size: every location's frames are built once, and each sample only walks its location indexes.
 */
final class ProfileModel {
    /** Label keys whose value names the thread (or goroutine) a sample ran on, in order of preference. */
    private static final List<String> THREAD_KEYS = List.of("thread_name", "thread", "goroutine", "thread_id", "tid");
    private static final int CANCEL_STEP = 4096;

    private ProfileModel() {
    }

    static Source toSource(Profile p, ProfileCheck.Tables tables, Source.Builder b, ReadContext ctx) {
        String[] strings = p.getStringTableList().toArray(new String[0]);
        int[][] locationFrames = locationFrames(p, tables, strings, b);
        int[] threadKeys = threadKeys(strings);
        List<SampleType> types = new ArrayList<>();
        for (ValueType t : p.getSampleTypeList()) {
            types.add(new SampleType(strings[(int) t.getType()], strings[(int) t.getUnit()]));
        }
        int defaultType = defaultType(p, strings);
        String periodType = strings[(int) p.getPeriodType().getType()];
        String trackName = "pprof " + (periodType.isEmpty() ? (types.isEmpty() ? "profile" : types.get(defaultType).type())
                : periodType);
        Set<Long> labelKeys = new HashSet<>();
        long[] totals = new long[types.size()];
        long kept = p.getSampleCount();
        if (!types.isEmpty()) {
            SampleTrack.Builder track = SampleTrack.builder(trackName, "pprof", types, defaultType);
            int[] scratch = new int[64];
            int maxDepth = ctx.limits().maxStackDepth();
            CallSites sites = new CallSites(b.stacks(), p.getSampleCount());
            Map<List<Long>, Integer> leafByLocations = new HashMap<>();
            long[] values = new long[types.size()];
            for (int i = 0; i < p.getSampleCount(); i++) {
                Sample s = p.getSample(i);
                if (s.getLocationIdCount() == 0) {
                    b.diagnostics().info("pprof.empty-stack-dropped", "sample " + i, "a sample without any location "
                            + "is left out, as go tool pprof leaves such samples out of its reports and totals");
                    continue;
                }
                // Samples that differ only in labels repeat a stack: its leaf call site is looked up whole.
                Integer leaf = leafByLocations.get(s.getLocationIdList());
                if (leaf == null) {
                    int n = 0;
                    for (int li = s.getLocationIdCount() - 1; li >= 0; li--) {
                        int[] frames = locationFrames[tables.locations().get(s.getLocationId(li))];
                        if (n + frames.length > scratch.length) {
                            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, n + frames.length));
                        }
                        System.arraycopy(frames, 0, scratch, n, frames.length);
                        n += frames.length;
                    }
                    if (n > maxDepth) {
                        b.diagnostics().warn("pprof.stack-too-deep", "sample " + i, "stack of " + n
                                + " frames cut to maxStackDepth " + maxDepth + " (leaf frames dropped)");
                        leaf = sites.stack(scratch, maxDepth);
                    } else {
                        leaf = sites.stack(scratch, n);
                        leafByLocations.put(s.getLocationIdList(), leaf);
                    }
                }
                for (int v = 0; v < values.length; v++) {
                    values[v] = s.getValue(v);
                    totals[v] += values[v];
                }
                track.add(SampleTrack.UNTIMED, thread(s, threadKeys, strings, b, labelKeys), leaf, values);
                if (i % CANCEL_STEP == CANCEL_STEP - 1) {
                    ctx.cancellation().check();
                }
            }
            kept = track.size();
            b.track(track.build());
        } else {
            for (Sample s : p.getSampleList()) {
                s.getLabelList().forEach(l -> labelKeys.add(l.getKey()));
            }
        }
        boolean timed = p.getTimeNanos() != 0 && p.getDurationNanos() > 0;
        if (timed) {
            b.clockKind(ClockKind.ABSOLUTE_UTC);
            int args = b.args(windowArgs(p, strings, periodType));
            b.track(SpanTrack.builder("profile window", "pprof")
                    .add(p.getTimeNanos(), p.getTimeNanos() + p.getDurationNanos(),
                            b.intern(windowLabel(trackName.substring("pprof ".length()), p.getDurationNanos())), args)
                    .build());
        }
        summarize(p, b, types, totals, labelKeys.size(), kept);
        return b.build();
    }

    /** Each location's frames root first: its last line (the caller) first, its first line (inlined leaf) last. */
    private static int[][] locationFrames(Profile p, ProfileCheck.Tables tables, String[] strings, Source.Builder b) {
        int[][] out = new int[p.getLocationCount()][];
        StackTable stacks = b.stacks();
        int[] functionName = new int[p.getFunctionCount()];
        int[] functionFile = new int[p.getFunctionCount()];
        for (int i = 0; i < p.getFunctionCount(); i++) {
            Function f = p.getFunction(i);
            String name = strings[(int) f.getName()];
            functionName[i] = b.intern(name.isEmpty() ? strings[(int) f.getSystemName()] : name);
            functionFile[i] = b.intern(strings[(int) f.getFilename()]);
        }
        for (int i = 0; i < p.getLocationCount(); i++) {
            Location l = p.getLocation(i);
            int lines = l.getLineCount();
            if (lines == 0) {
                int mapping = tables.mappings().get(l.getMappingId());
                int file = mapping < 0 ? 0 : b.intern(strings[(int) p.getMapping(mapping).getFilename()]);
                out[i] = new int[] {stacks.frame(b.intern("0x" + Long.toHexString(l.getAddress())), file, 0)};
                continue;
            }
            int[] frames = new int[lines];
            for (int k = 0; k < lines; k++) {
                Line ln = l.getLine(lines - 1 - k);
                int f = tables.functions().get(ln.getFunctionId());
                frames[k] = stacks.frame(functionName[f], functionFile[f], (int) Math.max(0, Math.min(Integer.MAX_VALUE,
                        ln.getLine())));
            }
            out[i] = frames;
        }
        return out;
    }

    private static int[] threadKeys(String[] strings) {
        int[] keys = new int[THREAD_KEYS.size()];
        Arrays.fill(keys, -1);
        for (int i = 0; i < strings.length; i++) {
            int k = THREAD_KEYS.indexOf(strings[i]);
            if (k >= 0 && keys[k] < 0) {
                keys[k] = i;
            }
        }
        return keys;
    }

    /** The sample's thread: its most preferred thread-naming label's value, or "" when it has none. */
    private static int thread(Sample s, int[] threadKeys, String[] strings, Source.Builder b, Set<Long> labelKeys) {
        if (s.getLabelCount() == 0) {
            return 0;
        }
        int best = threadKeys.length;
        Label chosen = null;
        for (Label l : s.getLabelList()) {
            labelKeys.add(l.getKey());
            for (int k = 0; k < best; k++) {
                if (threadKeys[k] == l.getKey()) {
                    best = k;
                    chosen = l;
                }
            }
        }
        if (chosen == null) {
            return 0;
        }
        return b.intern(chosen.getStr() != 0 ? strings[(int) chosen.getStr()] : Long.toString(chosen.getNum()));
    }

    /** default_sample_type names a sample type by its type string; without it pprof uses the last sample type. */
    private static int defaultType(Profile p, String[] strings) {
        int n = p.getSampleTypeCount();
        if (p.getDefaultSampleType() != 0) {
            String wanted = strings[(int) p.getDefaultSampleType()];
            for (int i = 0; i < n; i++) {
                if (strings[(int) p.getSampleType(i).getType()].equals(wanted)) {
                    return i;
                }
            }
        }
        return Math.max(0, n - 1);
    }

    /** The profile-level fields, kept on the window span: period, comments, frame filters, mappings. */
    private static String[] windowArgs(Profile p, String[] strings, String periodType) {
        List<String> kv = new ArrayList<>(List.of("period", Long.toString(p.getPeriod()), "period_type",
                periodType + "/" + strings[(int) p.getPeriodType().getUnit()], "mappings",
                Integer.toString(p.getMappingCount())));
        if (p.getCommentCount() > 0) {
            kv.add("comments");
            kv.add(p.getCommentList().stream().map(c -> strings[c.intValue()])
                    .collect(java.util.stream.Collectors.joining("\n")));
        }
        if (p.getDropFrames() != 0) {
            kv.add("drop_frames");
            kv.add(strings[(int) p.getDropFrames()]);
        }
        if (p.getKeepFrames() != 0) {
            kv.add("keep_frames");
            kv.add(strings[(int) p.getKeepFrames()]);
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

    private static void summarize(Profile p, Source.Builder b, List<SampleType> types, long[] totals, int labelKeys,
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
        b.summary("locations", (long) p.getLocationCount());
        b.summary("functions", (long) p.getFunctionCount());
        b.summary("timeNanos", p.getTimeNanos());
        b.summary("durationNanos", p.getDurationNanos());
        b.summary("labelKeys", (long) labelKeys);
    }

    /** Interns stacks through a primitive cache in front of the model's table, so shared prefixes cost one probe. */
    private static final class CallSites {
        private final StackTable stacks;
        private final LongIntMap cache;

        CallSites(StackTable stacks, int samples) {
            this.stacks = stacks;
            this.cache = new LongIntMap(Math.max(1024, samples));
        }

        int stack(int[] rootFirstFrames, int count) {
            int site = 0;
            for (int i = 0; i < count; i++) {
                long key = ((long) site << 32) | rootFirstFrames[i];
                int next = cache.get(key);
                if (next == LongIntMap.MISSING) {
                    next = stacks.callsite(site, rootFirstFrames[i]);
                    cache.putIfAbsent(key, next);
                }
                site = next;
            }
            return site;
        }
    }
}
