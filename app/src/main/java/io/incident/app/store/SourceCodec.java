package io.incident.app.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incident.model.Args;
import io.incident.model.ClockKind;
import io.incident.model.CounterTrack;
import io.incident.model.Diagnostic;
import io.incident.model.InstantTrack;
import io.incident.model.SampleTrack;
import io.incident.model.SampleType;
import io.incident.model.Severity;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import io.incident.model.StackTable;
import io.incident.model.StringTable;
import io.incident.model.Track;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Source} to bytes and back, so a case reopens without re-reading its artifacts. Columns are written
 * as they are held (primitive runs), strings once in the table. The format is versioned; {@link #read} refuses a
 * version it does not know instead of guessing.
 */
public final class SourceCodec {
    static final int MAGIC = 0x49574253; // "IWBS"
    static final int VERSION = 1;

    private static final int INSTANTS = 1;
    private static final int SPANS = 2;
    private static final int COUNTER = 3;
    private static final int SAMPLES = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceCodec() {
    }

    public static void write(Source s, OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        SourceInfo info = s.info();
        writeString(out, info.path());
        writeString(out, info.kind().id());
        out.writeLong(info.size());
        writeString(out, info.sha256());
        writeString(out, s.clockKind().name());
        StringTable st = s.strings();
        out.writeInt(st.size());
        for (int i = 0; i < st.size(); i++) {
            writeString(out, st.get(i));
        }
        Args args = s.args();
        out.writeInt(args.size());
        for (int i = 0; i < args.size(); i++) {
            writeInts(out, args.pairs(i));
        }
        writeStacks(out, s.stacks());
        out.writeInt(s.diagnostics().size());
        for (Diagnostic d : s.diagnostics()) {
            writeString(out, d.name());
            writeString(out, d.severity().name());
            out.writeLong(d.count());
            writeString(out, d.firstWhere());
            writeString(out, d.firstMessage());
        }
        writeString(out, JSON.writeValueAsString(s.summary()));
        out.writeInt(s.tracks().size());
        for (Track t : s.tracks()) {
            writeTrack(out, t);
        }
        out.flush();
    }

    private static void writeStacks(DataOutputStream out, StackTable t) throws IOException {
        int nf = t.frameCount();
        out.writeInt(nf);
        for (int f = 0; f < nf; f++) {
            out.writeInt(t.frameFunction(f));
            out.writeInt(t.frameFile(f));
            out.writeInt(t.frameLine(f));
        }
        int ns = t.callsiteCount();
        out.writeInt(ns);
        for (int c = 0; c < ns; c++) {
            out.writeInt(t.parent(c));
            out.writeInt(t.frameOf(c));
        }
    }

    private static void writeTrack(DataOutputStream out, Track t) throws IOException {
        int n = t.size();
        if (t instanceof InstantTrack it) {
            out.writeByte(INSTANTS);
            writeString(out, t.name());
            writeString(out, t.group());
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeLong(it.time(i));
                out.writeInt(it.label(i));
                out.writeInt(it.args(i));
            }
        } else if (t instanceof SpanTrack sp) {
            out.writeByte(SPANS);
            writeString(out, t.name());
            writeString(out, t.group());
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeLong(sp.start(i));
                out.writeLong(sp.end(i));
                out.writeInt(sp.label(i));
                out.writeInt(sp.args(i));
            }
        } else if (t instanceof CounterTrack ct) {
            out.writeByte(COUNTER);
            writeString(out, t.name());
            writeString(out, t.group());
            writeString(out, ct.unit());
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeLong(ct.time(i));
                out.writeDouble(ct.value(i));
            }
        } else {
            SampleTrack sm = (SampleTrack) t;
            out.writeByte(SAMPLES);
            writeString(out, t.name());
            writeString(out, t.group());
            out.writeInt(sm.types().size());
            for (SampleType ty : sm.types()) {
                writeString(out, ty.type());
                writeString(out, ty.unit());
            }
            out.writeInt(sm.defaultType());
            out.writeInt(n);
            int k = sm.types().size();
            for (int i = 0; i < n; i++) {
                out.writeLong(sm.time(i));
                out.writeInt(sm.thread(i));
                out.writeInt(sm.stack(i));
                for (int j = 0; j < k; j++) {
                    out.writeLong(sm.value(i, j));
                }
            }
        }
    }

    public static Source read(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        if (in.readInt() != MAGIC) {
            throw new IOException("stored source does not start with the codec's magic number");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("stored source has codec version " + version + "; this build reads " + VERSION);
        }
        SourceInfo info = new SourceInfo(readString(in), SourceKind.fromId(readString(in)), in.readLong(), readString(in));
        ClockKind clock = ClockKind.valueOf(readString(in));
        String[] strings = new String[in.readInt()];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = readString(in);
        }
        int nargs = in.readInt();
        List<int[]> pairs = new ArrayList<>(nargs);
        for (int i = 0; i < nargs; i++) {
            pairs.add(readInts(in));
        }
        StackTable stacks = readStacks(in);
        int nd = in.readInt();
        List<Diagnostic> diags = new ArrayList<>(nd);
        for (int i = 0; i < nd; i++) {
            diags.add(new Diagnostic(readString(in), Severity.valueOf(readString(in)), in.readLong(), readString(in),
                    readString(in)));
        }
        Map<String, Object> summary = JSON.readValue(readString(in), new TypeReference<LinkedHashMap<String, Object>>() { });
        int nt = in.readInt();
        List<Track> tracks = new ArrayList<>(nt);
        for (int i = 0; i < nt; i++) {
            tracks.add(readTrack(in));
        }
        return new Source(info, clock, StringTable.ofFrozen(strings), Args.ofFrozen(pairs), stacks, tracks, diags,
                summary);
    }

    private static StackTable readStacks(DataInputStream in) throws IOException {
        int nf = in.readInt();
        int[] fn = new int[nf];
        int[] file = new int[nf];
        int[] line = new int[nf];
        for (int f = 0; f < nf; f++) {
            fn[f] = in.readInt();
            file[f] = in.readInt();
            line[f] = in.readInt();
        }
        int ns = in.readInt();
        int[] parent = new int[ns];
        int[] frame = new int[ns];
        for (int c = 0; c < ns; c++) {
            parent[c] = in.readInt();
            frame[c] = in.readInt();
        }
        return StackTable.ofFrozen(fn, file, line, parent, frame);
    }

    private static Track readTrack(DataInputStream in) throws IOException {
        int type = in.readByte();
        String name = readString(in);
        String group = readString(in);
        switch (type) {
            case INSTANTS: {
                int n = in.readInt();
                long[] times = new long[n];
                int[] labels = new int[n];
                int[] args = new int[n];
                for (int i = 0; i < n; i++) {
                    times[i] = in.readLong();
                    labels[i] = in.readInt();
                    args[i] = in.readInt();
                }
                return new InstantTrack(name, group, times, labels, args);
            }
            case SPANS: {
                int n = in.readInt();
                long[] starts = new long[n];
                long[] ends = new long[n];
                int[] labels = new int[n];
                int[] args = new int[n];
                for (int i = 0; i < n; i++) {
                    starts[i] = in.readLong();
                    ends[i] = in.readLong();
                    labels[i] = in.readInt();
                    args[i] = in.readInt();
                }
                return new SpanTrack(name, group, starts, ends, labels, args);
            }
            case COUNTER: {
                String unit = readString(in);
                int n = in.readInt();
                long[] times = new long[n];
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    times[i] = in.readLong();
                    values[i] = in.readDouble();
                }
                return new CounterTrack(name, group, unit, times, values);
            }
            case SAMPLES: {
                int k = in.readInt();
                List<SampleType> types = new ArrayList<>(k);
                for (int j = 0; j < k; j++) {
                    types.add(new SampleType(readString(in), readString(in)));
                }
                int def = in.readInt();
                int n = in.readInt();
                long[] times = new long[n];
                int[] threads = new int[n];
                int[] stacks = new int[n];
                long[] values = new long[n * k];
                for (int i = 0; i < n; i++) {
                    times[i] = in.readLong();
                    threads[i] = in.readInt();
                    stacks[i] = in.readInt();
                    for (int j = 0; j < k; j++) {
                        values[i * k + j] = in.readLong();
                    }
                }
                return new SampleTrack(name, group, types, def, times, threads, stacks, values);
            }
            default:
                throw new IOException("stored track has unknown type tag " + type);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("stored string has negative length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static void writeInts(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] a = new int[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }
}
