package io.incident.parsers.pprof.bench;

import io.incident.model.SampleTrack;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.model.StackTable;
import io.incident.model.Track;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import io.incident.parsers.pprof.PprofReader;
import io.incident.parsers.pprof.proto.ProfileProto.Function;
import io.incident.parsers.pprof.proto.ProfileProto.Label;
import io.incident.parsers.pprof.proto.ProfileProto.Line;
import io.incident.parsers.pprof.proto.ProfileProto.Location;
import io.incident.parsers.pprof.proto.ProfileProto.Profile;
import io.incident.parsers.pprof.proto.ProfileProto.Sample;
import io.incident.parsers.pprof.proto.ProfileProto.ValueType;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Times reading a profile and building its flame-graph tree (value per call site, children summed into parents).
 * {@code PprofBench [profile] [runs]}; without a profile it writes a synthetic uncompressed CPU profile the size of the
 * issue's case (about 9 MB, 109k samples) to the temp directory and names it, so go tool pprof -top can be timed on the
 * same file.
 */
public final class PprofBench {
    private PprofBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : synthesize(109_000, Files.createTempFile("pprof-bench", ".pb"));
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("profile %s, %d bytes%n", file, Files.size(file));
        for (int run = 0; run < runs; run++) {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Source s = new PprofReader().read(new ReadContext(file,
                    new SourceInfo(file.toString(), SourceKind.PPROF, Files.size(file), ""), Limits.DEFAULT,
                    Progress.NONE, Cancellation.none()));
            long t1 = System.nanoTime();
            long root = 0;
            for (Track t : s.tracks()) {
                if (t instanceof SampleTrack st) {
                    root = tree(s.stacks(), st)[0];
                }
            }
            long t2 = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime() - c0;
            System.out.printf("run %d: read %d ms, tree %d ms, total %d ms wall, %d ms cpu; samples %s, call sites %d, "
                    + "root value %d%n", run, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000,
                    cpu / 1_000_000, s.summary().get("samples"),
                    s.stacks().callsiteCount(), root);
        }
    }

    /** Inclusive value of every call site for the default sample type: self values, then children into parents. */
    static long[] tree(StackTable stacks, SampleTrack track) {
        long[] value = new long[stacks.callsiteCount()];
        int type = track.defaultType();
        for (int i = 0; i < track.size(); i++) {
            value[track.stack(i)] += track.value(i, type);
        }
        for (int c = value.length - 1; c > 0; c--) {
            value[stacks.parent(c)] += value[c];
        }
        return value;
    }

    /**
     * A labelled CPU profile: 20k locations (one in ten with an inlined line) over 8k functions, 6000 distinct stacks
     * 5..45 deep spread over the samples, each sample labelled with one of 16 thread names.
     */
    static Path synthesize(int samples, Path out) throws Exception {
        Random r = new Random(42);
        Profile.Builder p = Profile.newBuilder().addStringTable("").addStringTable("samples").addStringTable("count")
                .addStringTable("cpu").addStringTable("nanoseconds").addStringTable("thread_name");
        p.addSampleType(ValueType.newBuilder().setType(1).setUnit(2)).addSampleType(ValueType.newBuilder().setType(3)
                .setUnit(4)).setPeriodType(ValueType.newBuilder().setType(3).setUnit(4)).setPeriod(10_000_000)
                .setTimeNanos(1_700_000_000_000_000_000L).setDurationNanos(30_000_000_000L);
        int functions = 8000;
        for (int f = 1; f <= functions; f++) {
            p.addStringTable("github.com/example/pkg" + (f % 97) + ".Func" + f);
            p.addStringTable("/src/pkg" + (f % 97) + "/file" + (f % 13) + ".go");
            p.addFunction(Function.newBuilder().setId(f).setName(p.getStringTableCount() - 2)
                    .setFilename(p.getStringTableCount() - 1).setStartLine(10));
        }
        int threads = p.getStringTableCount();
        for (int t = 0; t < 16; t++) {
            p.addStringTable("worker-" + t);
        }
        int locations = 20_000;
        for (int l = 1; l <= locations; l++) {
            Location.Builder loc = Location.newBuilder().setId(l).setAddress(0x400000L + 16L * l);
            int lines = r.nextInt(10) == 0 ? 2 : 1;
            for (int k = 0; k < lines; k++) {
                loc.addLine(Line.newBuilder().setFunctionId(1 + r.nextInt(functions)).setLine(1 + r.nextInt(500)));
            }
            p.addLocation(loc);
        }
        int[][] distinct = new int[6000][];
        for (int k = 0; k < distinct.length; k++) {
            int depth = 5 + r.nextInt(40);
            distinct[k] = new int[depth];
            int node = 1;
            for (int d = 0; d < depth; d++) {
                // A random walk down a call tree: shared roots, branching below, as real stacks have.
                node = (int) ((node * 31L + r.nextInt(3)) % locations) + 1;
                distinct[k][depth - 1 - d] = node;
            }
        }
        for (int i = 0; i < samples; i++) {
            Sample.Builder s = Sample.newBuilder();
            for (int id : distinct[r.nextInt(distinct.length)]) {
                s.addLocationId(id);
            }
            int n = 1 + r.nextInt(3);
            s.addValue(n).addValue(n * 10_000_000L);
            s.addLabel(Label.newBuilder().setKey(5).setStr(threads + r.nextInt(16)));
            p.addSample(s);
        }
        try (OutputStream o = Files.newOutputStream(out)) {
            p.build().writeTo(o);
        }
        return out;
    }
}
