package io.incident.parsers.strace;

import io.incident.model.ClockKind;
import io.incident.model.Columns;
import io.incident.model.Diagnostics;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.parsers.strace.StraceLine.Kind;
import io.incident.parsers.strace.StraceLine.TimeShape;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns parsed lines into the model: joins unfinished calls with their resumption, attaches -k stacks, keeps the clock
 * monotonic across midnight, and feeds the fd lifecycle, the error counters and the summary.
 */
final class StraceAssembler implements LineScanner.Sink, LinePipeline.Sink {
    static final int ARGS_CHARS = 200;
    private static final int STACK_CHARS = 4000;
    private static final long DAY = 86_400_000_000_000L;
    private static final long HALF_DAY = DAY / 2;
    /** Lines of nothing but unparsable text after which the input is not strace output at all. */
    private static final int GIVE_UP_AFTER = 1000;

    /** Thrown through the scanner when the input turns out not to be strace output. */
    static final class NotStrace extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long line;

        NotStrace(long line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    private final Source.Builder builder;
    private final Diagnostics diag;
    private final int filePid;
    private final int maxLineBytes;
    private final int maxStackDepth;
    private final ByteInterner names;
    private final ByteInterner values;
    private final StraceLine line = new StraceLine();
    private final TextIds texts = new TextIds();
    private final Call scratch = new Call();
    private final Call signalScratch = new Call();
    private final int kArgs;
    private final int kRet;
    private final int kErrno;
    private final int kErrText;
    private final int kFd;
    private final int kPath;
    private final int kDur;
    private final int kStack;
    private final int kIncomplete;
    private final int vTrue;
    private final int[] pairs = new int[20];
    private static final int KNOWN = 1;
    private static final int FD_FIRST = 2;
    private static final int PATH_CALL = 4;
    private static final int CREATES_FD = 8;
    private static final int FD_OR_TREE = 16;
    /** What each syscall name (by string id) means here, looked up once per name instead of per call. */
    private byte[] traits = new byte[64];
    private final Lane[] laneCache = new Lane[256];

    private final Map<Integer, Lane> lanes = new LinkedHashMap<>();
    private final Set<Integer> pids = new HashSet<>();
    private final FdCalls fdCalls = new FdCalls();
    private int[] fdIds = new int[256];
    private final SummaryTable table;
    private final InstantTrack.Builder signalTrack = InstantTrack.builder("signals", "");
    private final InstantTrack.Builder processTrack = InstantTrack.builder("process events", "");
    /** When each errno was returned (= -1), by errno: the counts of the summary are their sizes. */
    private final Map<String, Columns.Longs> errorTimes = new TreeMap<>();

    private Call deferred;
    private Lane lastUnfinished;
    private Call deferredSignal;
    private Call stackTarget;
    private TimeShape clock;
    private long dayOffset;
    private long relative;
    private long lastTime;
    private long firstTime = Long.MAX_VALUE;
    private long lines;
    private long recognized;
    private long unparsed;
    private long syscalls;
    private long signals;
    private boolean sawDuration;

    StraceAssembler(Source.Builder builder, int filePid, int maxLineBytes, int maxStackDepth) {
        this.builder = builder;
        this.diag = builder.diagnostics();
        this.filePid = filePid;
        this.maxLineBytes = maxLineBytes;
        this.maxStackDepth = maxStackDepth;
        this.names = new ByteInterner(builder, 4096);
        this.values = new ByteInterner(builder, 1 << 16);
        this.table = new SummaryTable(builder);
        kArgs = builder.intern("args");
        kRet = builder.intern("ret");
        kErrno = builder.intern("errno");
        kErrText = builder.intern("error");
        kFd = builder.intern("fd");
        kPath = builder.intern("path");
        kDur = builder.intern("duration");
        kStack = builder.intern("stack");
        kIncomplete = builder.intern("incomplete");
        vTrue = builder.intern("true");
    }

    @Override
    public void line(byte[] b, int s, int e, boolean cut, boolean terminated) {
        line(b, s, e, cut, terminated, null);
    }

    @Override
    public void line(byte[] b, int s, int e, boolean cut, boolean terminated, StraceLine parsed) {
        lines++;
        if (cut) {
            diag.warn("line-too-long", "line " + lines, "line longer than maxLineBytes (" + maxLineBytes
                    + ") skipped (raise -Dworkbench.limits.maxLineBytes to keep it)");
            return;
        }
        if (table.active() || SummaryTable.isHeader(b, s, e)) {
            if (table.line(b, s, e, lastTime)) {
                recognized++;
                return;
            }
        }
        process(b, s, e, terminated, 0, parsed);
    }

    /** {@code parsed}: the line as the reading thread parsed it, or null to parse it here. */
    private void process(byte[] b, int s, int e, boolean terminated, int depth, StraceLine parsed) {
        StraceLine l = parsed;
        if (l == null) {
            l = line;
            StraceLineParser.parse(b, s, e, l);
        }
        if (l.kind == Kind.STACK) {
            stackFrame(b, l.argsStart, l.argsEnd);
            return;
        }
        if (l.kind != Kind.EXIT) {
            // -k prints an exiting call's stack after strace's "+++ exited" line: keep the call open for it.
            flushDeferred();
        }
        if (l.kind == Kind.BLANK) {
            return;
        }
        if (l.kind == Kind.UNPARSED && lastUnfinished != null && lastUnfinished.pending != null) {
            StraceLineParser.parseContinuation(b, s, e, l);
            if (l.kind == Kind.RESUMED) {
                recognized++;
                diag.info("headless-resumption", "line " + lines, "a call finished on a line without"
                        + " '<... resumed>' (as -Z writes it); joined with pid " + lastUnfinished.pid + "'s unfinished "
                        + lastUnfinished.pending.name);
                resumed(b, l, lastUnfinished.pid, lastTime);
                return;
            }
            StraceLineParser.parse(b, s, e, l);
        }
        if (l.kind == Kind.UNPARSED) {
            if (!terminated) {
                diag.warn("truncated-tail", "line " + lines, "the last line ends mid-record: "
                        + preview(b, s, e));
                return;
            }
            unparsed++;
            diag.warn("unparsed-line", "line " + lines, "not a strace line: " + preview(b, s, e));
            if (recognized == 0 && unparsed >= GIVE_UP_AFTER) {
                throw new NotStrace(lines);
            }
            return;
        }
        recognized++;
        int pid = l.pid >= 0 ? l.pid : Math.max(filePid, 0);
        long time = time(l);
        int glued = l.gluedAt;
        switch (l.kind) {
            case SYSCALL -> syscall(b, l, pid, time);
            case UNFINISHED -> unfinished(b, l, pid, time);
            case RESUMED -> resumed(b, l, pid, time);
            case SIGNAL -> signal(b, l, pid, time);
            case EXIT -> exit(b, l, pid, time);
            case NOTE -> note(b, l, pid, time);
            default -> throw new IllegalStateException("unhandled line kind " + l.kind);
        }
        if (glued >= 0 && depth < 4) {
            diag.warn("glued-lines", "line " + lines, "two writers' output on one line, split at 'strace: Process'");
            process(b, glued, e, terminated, depth + 1, null);
        }
    }

    private long time(StraceLine l) {
        if (l.timeShape == TimeShape.NONE) {
            if (clock == null || clock == TimeShape.NONE) {
                // No timestamps: events sit one microsecond apart in file order, so order stays visible.
                clock = TimeShape.NONE;
                builder.clockKind(ClockKind.RELATIVE);
                return mark(lines * 1000);
            }
            return lastTime;
        }
        if (clock == null) {
            clock = l.timeShape;
            builder.clockKind(switch (clock) {
                case TIME_OF_DAY -> ClockKind.TIME_OF_DAY;
                case EPOCH -> ClockKind.ABSOLUTE_UTC;
                default -> ClockKind.RELATIVE;
            });
        } else if (clock != l.timeShape) {
            diag.warn("mixed-timestamps", "line " + lines, "timestamp written as " + l.timeShape
                    + " in a file that started with " + clock + "; the previous time is used");
            return lastTime;
        }
        long t = switch (clock) {
            case TIME_OF_DAY -> {
                long raw = l.time + dayOffset;
                if (raw < lastTime - HALF_DAY) {
                    // -t/-tt carry no date: a jump back of more than half a day is midnight passing.
                    dayOffset += DAY;
                    raw += DAY;
                }
                yield raw;
            }
            case DELTA -> relative += l.time;
            default -> l.time;
        };
        return mark(t);
    }

    private long mark(long t) {
        lastTime = t;
        firstTime = Math.min(firstTime, t);
        return t;
    }

    private Lane lane(int pid) {
        int slot = pid & (laneCache.length - 1);
        Lane l = laneCache[slot];
        if (l != null && l.pid == pid) {
            return l;
        }
        l = lanes.get(pid);
        if (l == null) {
            l = new Lane(pid);
            lanes.put(pid, l);
            pids.add(pid);
        }
        laneCache[slot] = l;
        return l;
    }

    private void fill(byte[] b, StraceLine l, Call c, int pid, long time) {
        c.reset();
        c.pid = pid;
        c.start = time;
        c.resultTime = time;
        c.line = lines;
        c.nameId = text(l.nameText, names, b, l.nameStart, l.nameEnd);
        c.name = builder.strings().get(c.nameId);
        int argsLen = l.argsEnd - l.argsStart;
        if (l.kind == Kind.SYSCALL && argsLen >= 0 && argsLen <= ARGS_CHARS) {
            c.argBytes(b, l.argsStart, argsLen);
            c.argText = l.argsText;
        } else {
            // An unfinished call's text is joined with its resumption's, and a long one is cut: both as Strings.
            c.args = argsText(b, l.argsStart, l.argsEnd);
        }
        int t = traits(c);
        CallDetails.firstArgFd(b, l.argsStart, l.argsEnd, c, (t & FD_FIRST) != 0, values);
        if ((t & PATH_CALL) != 0) {
            c.path = CallDetails.firstString(b, l.argsStart, l.argsEnd);
        }
    }

    private void result(byte[] b, StraceLine l, Call c) {
        int retEnd = CallDetails.result(b, l.retStart, l.retEnd, c, values);
        if (retEnd >= 0) {
            // Most return texts carry no errno: then they are the whole range the reading thread gave an id.
            c.retId = retEnd == l.retEnd ? text(l.retText, values, b, l.retStart, retEnd)
                    : values.intern(b, l.retStart, retEnd);
        }
        if (l.duration >= 0) {
            sawDuration = true;
            c.end = c.start + l.duration;
            c.durId = text(l.durText, values, b, l.durStart, l.durEnd);
        }
    }

    private void syscall(byte[] b, StraceLine l, int pid, long time) {
        lane(pid);
        Call c = scratch;
        fill(b, l, c, pid, time);
        result(b, l, c);
        deferred = c;
        stackTarget = c;
    }

    private void unfinished(byte[] b, StraceLine l, int pid, long time) {
        Lane lane = lane(pid);
        Call c = new Call();
        fill(b, l, c, pid, time);
        if (lane.pending != null) {
            diag.warn("unfinished-twice", "line " + lines, "pid " + pid + " started " + c.name
                    + " while its " + lane.pending.name + " was still unfinished");
            emitIncomplete(lane.pending, time);
        }
        lane.pending = c;
        lastUnfinished = lane;
        stackTarget = c;
    }

    private void resumed(byte[] b, StraceLine l, int pid, long time) {
        Lane lane = lane(pid);
        Call p = lane.pending;
        int nameId = l.nameEnd > l.nameStart ? text(l.nameText, names, b, l.nameStart, l.nameEnd) : p.nameId;
        String rest = argsText(b, l.argsStart, l.argsEnd);
        Call c;
        if (p == null) {
            diag.warn("resumed-without-unfinished", "line " + lines, "pid " + pid + " resumed "
                    + builder.strings().get(nameId) + " that never started in this file; its start is the resume time");
            c = scratch;
            c.reset();
            c.pid = pid;
            c.start = time;
            c.line = lines;
            c.nameId = nameId;
            c.name = builder.strings().get(nameId);
            c.args = cut("..." + rest);
        } else {
            if (p.nameId != nameId) {
                diag.warn("resumed-other-call", "line " + lines, "pid " + pid + " resumed "
                        + builder.strings().get(nameId) + " but " + p.name + " was unfinished");
            }
            lane.pending = null;
            c = p;
            c.args = cut(c.args + rest);
        }
        c.resultTime = time;
        result(b, l, c);
        deferred = c;
        stackTarget = c;
    }

    private void signal(byte[] b, StraceLine l, int pid, long time) {
        int brace = indexOf(b, l.argsStart, l.argsEnd, (byte) '{');
        int labelEnd = brace < 0 ? l.argsEnd : brace;
        while (labelEnd > l.argsStart && b[labelEnd - 1] == ' ') {
            labelEnd--;
        }
        // Held like a call: -k prints the stack of the interrupted code under the signal line.
        Call sig = signalScratch;
        sig.reset();
        sig.pid = pid;
        sig.start = time;
        sig.nameId = values.intern(b, l.argsStart, labelEnd);
        sig.args = brace < 0 ? "" : argsText(b, brace, l.argsEnd);
        deferredSignal = sig;
        stackTarget = sig;
        pids.add(pid);
        signals++;
    }

    private void emitSignal(Call sig) {
        int argSet = sig.stack == null
                ? builder.args("pid", Integer.toString(sig.pid), "info", sig.args)
                : builder.args("pid", Integer.toString(sig.pid), "info", sig.args, "stack", sig.stack.toString());
        signalTrack.add(sig.start, sig.nameId, argSet);
    }

    private void exit(byte[] b, StraceLine l, int pid, long time) {
        String text = new String(b, l.argsStart, l.argsEnd - l.argsStart, StandardCharsets.UTF_8);
        boolean core = text.endsWith(" (core dumped)");
        String label = core ? text.substring(0, text.length() - " (core dumped)".length()) : text;
        int args = core ? builder.args("pid", Integer.toString(pid), "core dumped", "true")
                : builder.args("pid", Integer.toString(pid));
        processTrack.add(time, builder.intern(label), args);
        pids.add(pid);
        Lane lane = lanes.get(pid);
        if (lane != null && lane.pending != null) {
            emitIncomplete(lane.pending, time);
            lane.pending = null;
        }
    }

    private void note(byte[] b, StraceLine l, int pid, long time) {
        String text = new String(b, l.argsStart, l.argsEnd - l.argsStart, StandardCharsets.UTF_8);
        int notePid = pid;
        if (text.startsWith("Process ")) {
            int d = StraceLineParser.digits(b, l.argsStart + 8, l.argsEnd);
            if (d > l.argsStart + 8) {
                notePid = (int) StraceLineParser.parseLong(b, l.argsStart + 8, d);
                pids.add(notePid);
            }
        }
        processTrack.add(time, builder.intern("strace: " + text), builder.args("pid", Integer.toString(notePid)));
    }

    private void stackFrame(byte[] b, int s, int e) {
        Call c = stackTarget;
        if (c == null) {
            diag.info("stack-without-syscall", "line " + lines, "a -k stack frame line with no syscall before it");
            return;
        }
        recognized++;
        if (c.stackFrames >= maxStackDepth) {
            diag.info("stack-cut", "line " + lines, "stack deeper than maxStackDepth (" + maxStackDepth + ") cut");
            return;
        }
        if (c.stack == null) {
            c.stack = new StringBuilder();
        }
        if (c.stack.length() < STACK_CHARS) {
            if (c.stack.length() > 0) {
                c.stack.append('\n');
            }
            c.stack.append(new String(b, StraceLineParser.skipSpaces(b, s, e), e - StraceLineParser.skipSpaces(b, s, e),
                    StandardCharsets.UTF_8));
        }
        c.stackFrames++;
    }

    private void flushDeferred() {
        Call c = deferred;
        if (c != null) {
            deferred = null;
            emit(c);
        }
        if (deferredSignal != null) {
            emitSignal(deferredSignal);
            deferredSignal = null;
        }
        stackTarget = null;
    }

    private void emitIncomplete(Call c, long until) {
        c.incomplete = true;
        if (c.end < 0 && sawDuration) {
            c.end = Math.max(c.start, until);
        }
        emit(c);
    }

    private void emit(Call c) {
        Lane lane = lane(c.pid);
        int n = 0;
        int t = traits(c);
        int argsId = c.args != null ? builder.intern(c.args) : argsId(c);
        if (c.args == null && (t & FD_OR_TREE) != 0) {
            // Clones, dups and pipes read their flags and fds from the text.
            c.args = builder.strings().get(argsId);
        }
        n = pair(n, kArgs, argsId);
        if (c.retId != 0) {
            n = pair(n, kRet, c.retId);
        }
        if (c.errnoId != 0) {
            n = pair(n, kErrno, c.errnoId);
            if (c.errTextId != 0) {
                n = pair(n, kErrText, c.errTextId);
            }
        }
        int fd = c.fd;
        String path = c.fdDeco != null ? c.fdDeco : c.path;
        if ((t & CREATES_FD) != 0 && c.ret >= 0) {
            fd = (int) c.ret;
            path = c.retDeco != null ? c.retDeco : c.path;
        }
        if (fd >= 0) {
            n = pair(n, kFd, fdId(fd));
        }
        if (path != null) {
            n = pair(n, kPath, builder.intern(path));
        }
        if (c.durId != 0) {
            n = pair(n, kDur, c.durId);
        }
        if (c.stack != null) {
            n = pair(n, kStack, builder.intern(c.stack.toString()));
        }
        if (c.incomplete) {
            n = pair(n, kIncomplete, vTrue);
        }
        // Each call's set holds its own argument text, so looking for an equal set would almost never find one.
        int argSet = builder.args().add(pairs, n);
        lane.add(c.start, c.end, c.nameId, argSet);
        syscalls++;
        String errno = c.errnoId != 0 ? builder.strings().get(c.errnoId) : null;
        if (errno != null && c.ret == -1) {
            errorTimes.computeIfAbsent(errno, k -> new Columns.Longs()).add(c.resultTime);
        }
        if ((t & FD_OR_TREE) != 0) {
            fdCalls.track(c, errno);
        } else if (c.fdDeco != null) {
            fdCalls.endpoint(c);
        }
    }

    /** The string id of a range the reading thread gave local id {@code local} (or none: -1), interned once. */
    private int text(int local, ByteInterner via, byte[] b, int s, int e) {
        if (local < 0) {
            return via.intern(b, s, e);
        }
        int id = texts.get(local);
        if (id < 0) {
            id = via.intern(b, s, e);
            texts.put(local, id);
        }
        return id;
    }

    private int argsId(Call c) {
        int id = c.argText >= 0 ? texts.get(c.argText) : -1;
        if (id < 0) {
            id = builder.strings().intern(c.argBytes, 0, c.argLen);
            if (c.argText >= 0) {
                texts.put(c.argText, id);
            }
        }
        return id;
    }

    private int fdId(int fd) {
        if (fd >= 4096) {
            return builder.intern(Integer.toString(fd));
        }
        if (fd >= fdIds.length) {
            fdIds = Arrays.copyOf(fdIds, 4096);
        }
        if (fdIds[fd] == 0) {
            fdIds[fd] = builder.intern(Integer.toString(fd));
        }
        return fdIds[fd];
    }

    private int pair(int n, int key, int value) {
        pairs[n] = key;
        pairs[n + 1] = value;
        return n + 2;
    }

    private int traits(Call c) {
        int id = c.nameId;
        if (id >= traits.length) {
            traits = Arrays.copyOf(traits, Math.max(id + 1, traits.length * 2));
        }
        if (traits[id] == 0) {
            String n = c.name;
            traits[id] = (byte) (KNOWN
                    | (CallDetails.FD_FIRST.contains(n) ? FD_FIRST : 0)
                    | (CallDetails.PATH_CALLS.contains(n) ? PATH_CALL : 0)
                    | (FdCalls.createsFd(n) ? CREATES_FD : 0)
                    | (FdCalls.matters(n) ? FD_OR_TREE : 0));
        }
        return traits[id];
    }

    private static String argsText(byte[] b, int s, int e) {
        if (e - s > ARGS_CHARS) {
            return new String(b, s, ARGS_CHARS, StandardCharsets.UTF_8) + "…";
        }
        return new String(b, s, Math.max(0, e - s), StandardCharsets.UTF_8);
    }

    private static String cut(String s) {
        return s.length() > ARGS_CHARS + 1 ? s.substring(0, ARGS_CHARS) + "…" : s;
    }

    private static String preview(byte[] b, int s, int e) {
        StringBuilder out = new StringBuilder();
        for (int i = s; i < e && out.length() < 80; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.toString();
    }

    private static int indexOf(byte[] b, int s, int e, byte c) {
        for (int i = s; i < e; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    long lines() {
        return lines;
    }

    long recognized() {
        return recognized;
    }

    long unparsed() {
        return unparsed;
    }

    /** Ends the read: calls still unfinished, then every track and the summary. */
    void finish() {
        flushDeferred();
        for (Lane lane : lanes.values()) {
            if (lane.pending != null) {
                diag.info("unfinished-at-end", "pid " + lane.pid, "a call was still running when the trace ended");
                emitIncomplete(lane.pending, lastTime);
                lane.pending = null;
            }
        }
        int root = fdCalls.root(lanes.keySet(), filePid);
        for (Lane lane : lanes.values()) {
            if (lane.pid == 0 && root != 0) {
                continue;
            }
            Lane merged = lane.pid == root ? Lane.merge(lane, lanes.get(0)) : lane;
            builder.track(merged.track(fdCalls.group(merged.pid), sawDuration));
        }
        long start = firstTime == Long.MAX_VALUE ? 0 : firstTime;
        fdCalls.lifecycle.build(builder, tid -> fdCalls.fdOwner(tid == 0 ? root : tid, root), fdCalls::group, start,
                Math.max(start, lastTime));
        // Without timestamps the clock is only file order, so a rate per second would be invented.
        for (Map.Entry<String, Columns.Longs> e : clock == TimeShape.NONE ? Map.<String, Columns.Longs>of().entrySet()
                : errorTimes.entrySet()) {
            builder.track(ErrorRate.perSecond("errors/s " + e.getKey(), e.getValue()));
        }
        if (signalTrack.size() > 0) {
            builder.track(signalTrack.build());
        }
        if (processTrack.size() > 0) {
            builder.track(processTrack.build());
        }
        table.build();
        summary();
    }

    private void summary() {
        builder.summary("lines", lines);
        builder.summary("syscalls", syscalls);
        Set<Integer> real = new HashSet<>(pids);
        if (real.size() > 1) {
            real.remove(0);
        }
        builder.summary("pids", syscalls == 0 && signals == 0 && real.equals(Set.of(0)) ? 0 : real.size());
        Map<String, Long> errors = new LinkedHashMap<>();
        errorTimes.forEach((errno, times) -> errors.put(errno, (long) times.size()));
        builder.summary("errors", errors);
        builder.summary("signals", signals);
        builder.summary("unparsedLines", unparsed);
    }
}
