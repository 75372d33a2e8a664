package io.incident.parsers.goroutine;

import io.incident.model.Columns;
import io.incident.model.Diagnostics;
import io.incident.model.Source;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The line state machine over every goroutine text Go prints: debug=2 dumps, tracebacks at each GOTRACEBACK level,
 * SIGQUIT dumps with register blocks, debug=1 profiles and race reports. Goroutines are collected as columns; the
 * {@link DumpAssembler} buckets them and builds the model afterwards.
 */
final class DumpParser {
    private enum Mode { TOP, GOROUTINE, SKIP_BLOCK, PROFILE_RECORD, RACE }

    private static final byte[] GOROUTINE = ascii("goroutine ");
    private static final byte[] PROFILE_TOTAL = ascii("goroutine profile: total ");
    private static final byte[] CREATED_BY = ascii("created by ");
    private static final byte[] IN_GOROUTINE = ascii(" in goroutine ");
    private static final byte[] ELIDED = ascii("...additional frames elided...");
    private static final byte[] OTHER_THREAD = ascii("\tgoroutine running on other thread");
    private static final byte[] PANIC = ascii("panic: ");
    private static final byte[] NESTED_PANIC = ascii("\tpanic: ");
    private static final byte[] FATAL = ascii("fatal error: ");
    private static final byte[] SIGNAL = ascii("[signal ");
    private static final byte[] PC = ascii("PC=0x");
    private static final byte[] RUNTIME_STACK = ascii("runtime stack:");
    private static final byte[] RUNTIME_MSG = ascii("runtime: ");
    private static final byte[] SEPARATOR = ascii("-----");
    private static final byte[] RACE_RULE = ascii("==================");
    private static final byte[] RACE_WARNING = ascii("WARNING: DATA RACE");
    private static final byte[] RACE_FOUND = ascii("Found ");
    private static final byte[] PROFILE_FRAME = ascii("#\t0x");
    private static final byte[] PROFILE_LABELS = ascii("# labels: ");
    private static final byte[] BY_GOROUTINE = ascii(" by goroutine ");
    private static final byte[] RACE_GOROUTINE = ascii("Goroutine ");
    private static final String ELIDED_FUNCTION = "...additional frames elided...";

    final Source.Builder builder;
    final Diagnostics diagnostics;
    private final String name;
    private final Limits limits;
    private final Progress progress;
    private final long totalBytes;
    private final Cancellation cancellation;
    private final LineSource in;

    private Mode mode = Mode.TOP;

    // States seen before, by the bytes between the brackets of a header.
    private final ByteInterner stateBytes = new ByteInterner();
    private final Columns.Ints stateIds = new Columns.Ints();
    private final Columns.Ints stateClassIds = new Columns.Ints();
    private final Columns.Ints stateWaits = new Columns.Ints();
    private final Columns.Ints stateLocked = new Columns.Ints();

    private final FrameStack frames;
    private boolean expectCreatorFile;

    // The goroutine being read.
    private long gId;
    private int gState;
    private int gStateClass;
    private int gWait;
    private boolean gLocked;
    private int gCreatedBy;
    private long gCreator;
    private boolean gElided;
    private long gLine;

    // Finished goroutines, as columns.
    final Columns.Longs ids = new Columns.Longs();
    final Columns.Ints states = new Columns.Ints();
    final Columns.Ints stateClasses = new Columns.Ints();
    final Columns.Ints waits = new Columns.Ints();
    final Columns.Ints flags = new Columns.Ints();
    final Columns.Ints createdBy = new Columns.Ints();
    final Columns.Longs creators = new Columns.Longs();
    final Columns.Ints stackIds = new Columns.Ints();
    final Columns.Longs lines = new Columns.Longs();

    // debug=1 records.
    long profileTotal = -1;
    private long recordCount;
    private int recordLabels;
    final Columns.Longs recordCounts = new Columns.Longs();
    final Columns.Ints recordStacks = new Columns.Ints();
    final Columns.Ints recordLabelIds = new Columns.Ints();

    // Race reports.
    private int raceReports;
    private String raceHeading;
    private long raceGoroutine;
    final List<RaceAccess> races = new ArrayList<>();

    final List<String> panics = new ArrayList<>();
    final List<String> fatalErrors = new ArrayList<>();
    final List<String> signals = new ArrayList<>();
    boolean truncated;

    static final int FLAG_LOCKED = 1;
    static final int FLAG_ELIDED = 2;

    DumpParser(LineSource in, Source.Builder builder, String name, Limits limits, Progress progress, long totalBytes,
               Cancellation cancellation) {
        this.in = in;
        this.builder = builder;
        this.diagnostics = builder.diagnostics();
        this.name = name;
        this.limits = limits;
        this.progress = progress;
        this.totalBytes = totalBytes;
        this.cancellation = cancellation;
        this.frames = new FrameStack(builder, limits.maxStackDepth());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether anything of a goroutine text was found. */
    boolean recognizedAnything() {
        return ids.size() > 0 || profileTotal >= 0 || recordCounts.size() > 0 || !panics.isEmpty()
                || !fatalErrors.isEmpty() || !signals.isEmpty() || raceReports > 0;
    }

    long lineCount() {
        return in.lineNumber();
    }

    long bytesRead() {
        return in.consumed();
    }

    void run() throws IOException {
        long nextProgress = 1 << 20;
        boolean lastTerminated = true;
        Mode lastLineMode = Mode.TOP;
        while (in.next()) {
            if ((in.lineNumber() & 4095) == 0) {
                cancellation.check();
            }
            if (in.consumed() >= nextProgress) {
                progress.bytes(in.consumed(), totalBytes);
                nextProgress = in.consumed() + (1 << 20);
            }
            if (in.cut()) {
                diagnostics.warn("line-too-long", where(), "line longer than maxLineBytes=" + limits.maxLineBytes()
                        + " bytes; its first " + limits.maxLineBytes() + " bytes were kept");
            }
            lastTerminated = in.terminated();
            lastLineMode = mode;
            line();
        }
        endOfInput(lastLineMode, lastTerminated);
        progress.bytes(in.consumed(), totalBytes);
    }

    private String where() {
        return "line " + in.lineNumber();
    }

    private void line() {
        switch (mode) {
            case GOROUTINE -> goroutineLine();
            case SKIP_BLOCK -> {
                if (in.length() == 0) {
                    mode = Mode.TOP;
                } else if (in.startsWith(GOROUTINE)) {
                    topLine();
                }
            }
            case PROFILE_RECORD -> profileLine();
            case RACE -> raceLine();
            default -> topLine();
        }
    }

    // ---- top level -------------------------------------------------------------------------------------------------

    private void topLine() {
        int n = in.length();
        if (n == 0) {
            return;
        }
        if (in.startsWith(PROFILE_TOTAL)) {
            long total = parseLong(PROFILE_TOTAL.length, n);
            if (total < 0) {
                diagnostics.warn("bad-profile-header", where(), "expected 'goroutine profile: total N'");
            } else {
                profileTotal = total;
            }
        } else if (in.startsWith(GOROUTINE)) {
            header();
        } else if (isDigit(in.at(0)) && profileRecordStart()) {
            mode = Mode.PROFILE_RECORD;
        } else if (in.startsWith(PANIC)) {
            panics.add(in.text(PANIC.length, n));
        } else if (in.startsWith(NESTED_PANIC)) {
            panics.add(in.text(NESTED_PANIC.length, n));
        } else if (in.startsWith(FATAL)) {
            fatalErrors.add(in.text(FATAL.length, n));
        } else if (in.startsWith(SIGNAL)) {
            signals.add(in.text(SIGNAL.length, in.at(n - 1) == ']' ? n - 1 : n));
        } else if (isSignalName()) {
            signals.add(in.text());
        } else if (in.startsWith(RUNTIME_STACK)) {
            mode = Mode.SKIP_BLOCK;
        } else if (in.startsWith(RACE_WARNING)) {
            raceReports++;
            mode = Mode.RACE;
        } else if (!(in.startsWith(PC) || in.startsWith(RUNTIME_MSG) || in.startsWith(SEPARATOR)
                || in.startsWith(RACE_RULE) || isRegister() || in.startsWith(RACE_FOUND) && raceReports > 0)) {
            diagnostics.info("log-line", where(), "line outside any goroutine kept as a log line: " + shortText());
        }
    }

    private String shortText() {
        String t = in.text(0, Math.min(in.length(), 120));
        return in.length() > 120 ? t + "..." : t;
    }

    /** {@code SIGQUIT: quit}, {@code SIGABRT: abort}. */
    private boolean isSignalName() {
        if (in.length() < 5 || in.at(0) != 'S' || in.at(1) != 'I' || in.at(2) != 'G') {
            return false;
        }
        int i = 3;
        while (i < in.length() && in.at(i) >= 'A' && in.at(i) <= 'Z') {
            i++;
        }
        return i > 3 && i + 1 < in.length() && in.at(i) == ':' && in.at(i + 1) == ' ';
    }

    /** A register line of a signal dump: {@code rax    0xca}, {@code r15    0x1}, {@code rflags 0x286}. */
    private boolean isRegister() {
        int n = in.length();
        int i = 0;
        while (i < n && (in.at(i) >= 'a' && in.at(i) <= 'z' || isDigit(in.at(i)))) {
            i++;
        }
        if (i < 2 || i > 8 || i >= n || in.at(i) != ' ') {
            return false;
        }
        while (i < n && in.at(i) == ' ') {
            i++;
        }
        if (i + 2 >= n || in.at(i) != '0' || in.at(i + 1) != 'x') {
            return false;
        }
        for (i += 2; i < n; i++) {
            if (!isHex(in.at(i))) {
                return false;
            }
        }
        return true;
    }

    // ---- goroutine headers and frames ------------------------------------------------------------------------------

    /** {@code goroutine 12 [chan receive, 42 minutes]:} or {@code goroutine 1 gp=0x... m=0 mp=0x... [running]:}. */
    private void header() {
        int n = in.length();
        int i = GOROUTINE.length;
        int idEnd = i;
        while (idEnd < n && isDigit(in.at(idEnd))) {
            idEnd++;
        }
        int open = in.indexOf((byte) '[', idEnd);
        boolean closes = n >= 2 && in.at(n - 1) == ':' && in.at(n - 2) == ']';
        if (idEnd == i || idEnd - i > 18 || idEnd >= n || in.at(idEnd) != ' ' || open < 0 || !closes) {
            diagnostics.warn("bad-goroutine-header", where(),
                    "expected 'goroutine <id> [<state>]:' but got: " + shortText());
            mode = Mode.SKIP_BLOCK;
            return;
        }
        startGoroutine(parseLong(i, idEnd), open + 1, n - 2);
    }

    private void startGoroutine(long id, int stateFrom, int stateTo) {
        resetFrames();
        gId = id;
        gLine = in.lineNumber();
        gWait = -1;
        gLocked = false;
        gCreatedBy = 0;
        gCreator = -1;
        gElided = false;
        int cached = stateBytes.find(in, stateFrom, stateTo);
        if (cached >= 0) {
            gState = stateIds.get(cached);
            gStateClass = stateClassIds.get(cached);
            gWait = stateWaits.get(cached);
            gLocked = stateLocked.get(cached) != 0;
            mode = Mode.GOROUTINE;
            return;
        }
        boolean understood = parseState(stateFrom, stateTo);
        if (understood) {
            stateBytes.add(in, stateFrom, stateTo);
            stateIds.add(gState);
            stateClassIds.add(gStateClass);
            stateWaits.add(gWait);
            stateLocked.add(gLocked ? 1 : 0);
        }
        mode = Mode.GOROUTINE;
    }

    /** Parses {@code chan receive, 42 minutes, locked to thread}; false when a part was not understood. */
    private boolean parseState(int stateFrom, int stateTo) {
        boolean understood = true;
        int comma = indexOf(", ", stateFrom, stateTo);
        int stateEnd = comma < 0 ? stateTo : comma;
        String state = in.text(stateFrom, stateEnd);
        while (comma >= 0) {
            int from = comma + 2;
            int next = indexOf(", ", from, stateTo);
            int to = next < 0 ? stateTo : next;
            understood &= qualifier(from, to);
            comma = next;
        }
        gState = builder.intern(state);
        gStateClass = gLocked ? builder.intern(state + ", locked to thread") : gState;
        return understood;
    }

    /** One comma-separated part after the state: {@code 42 minutes}, {@code locked to thread}. */
    private boolean qualifier(int from, int to) {
        String q = in.text(from, to);
        if (q.equals("locked to thread")) {
            gLocked = true;
        } else if (q.endsWith(" minutes")) {
            long m = parseLong(from, to - " minutes".length());
            if (m < 0) {
                diagnostics.warn("bad-wait-time", where(), "expected '<N> minutes' but got '" + q + "'");
                return false;
            }
            gWait = (int) Math.min(Integer.MAX_VALUE, m);
        } else {
            diagnostics.info("unknown-state-qualifier", where(), "goroutine state part '" + q + "' not understood");
            return false;
        }
        return true;
    }

    private int indexOf(String s, int from, int to) {
        outer:
        for (int i = from; i + s.length() <= to; i++) {
            for (int k = 0; k < s.length(); k++) {
                if (in.at(i + k) != s.charAt(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void goroutineLine() {
        int n = in.length();
        if (n == 0) {
            finishGoroutine();
            mode = Mode.TOP;
            return;
        }
        byte first = in.at(0);
        if (first == '\t') {
            fileLine(1);
        } else if (in.startsWith(CREATED_BY)) {
            creator();
        } else if (in.startsWith(ELIDED)) {
            frames.marker(ELIDED_FUNCTION);
            gElided = true;
        } else if (in.cut() && !in.startsWith(GOROUTINE)) {
            // A function line longer than maxLineBytes lost its argument list: keep the name as far as it goes.
            frames.function(frames.function(in, 0, in.length()));
            expectCreatorFile = false;
        } else if (in.startsWith(GOROUTINE) || !isFunctionLine(0)) {
            finishGoroutine();
            mode = Mode.TOP;
            topLine();
        } else {
            functionLine(0);
        }
    }

    private boolean isFunctionLine(int from) {
        int n = in.length();
        return n > from + 2 && in.at(n - 1) == ')' && in.indexOf((byte) '(', from + 1) > from && in.at(from) != ' ';
    }

    /** {@code pkg.(*T).Method(0xc000010000, 0x5)} or {@code pkg.F({0x1, 0x2}, ...)}: the function is before the args. */
    private void functionLine(int from) {
        int open = in.lastIndexOf((byte) '(', in.length());
        frames.function(frames.function(in, from, open));
        expectCreatorFile = false;
    }

    /** {@code \t/path/file.go:123 +0x1d fp=0x... sp=0x... pc=0x...}: the location of the pending function. */
    private void fileLine(int from) {
        if (expectCreatorFile) {
            expectCreatorFile = false;
            return;
        }
        if (!frames.hasPendingFunction()) {
            if (!in.startsWith(OTHER_THREAD)) {
                diagnostics.warn("unexpected-file-line", where(), "file line without a function line before it");
            }
            return;
        }
        int n = in.length();
        int end = n;
        int plus = indexOf(" +0x", from, n);
        if (plus >= 0) {
            end = plus;
        } else {
            int fp = indexOf(" fp=", from, n);
            if (fp >= 0) {
                end = fp;
            }
        }
        frames.location(in, from, end);
    }

    /** {@code created by net/http.(*Server).Serve} or, since Go 1.21, {@code created by main.main in goroutine 1}. */
    private void creator() {
        frames.flushPending();
        int n = in.length();
        int end = n;
        int in1 = indexOf(" in goroutine ", CREATED_BY.length, n);
        if (in1 >= 0) {
            long c = parseLong(in1 + IN_GOROUTINE.length, n);
            if (c >= 0) {
                gCreator = c;
                end = in1;
            }
        }
        gCreatedBy = frames.function(in, CREATED_BY.length, end);
        expectCreatorFile = true;
    }

    private void resetFrames() {
        frames.reset();
        expectCreatorFile = false;
    }

    /** Interns the collected frames root first; reports a cut stack. */
    private int internStack(Object owner, long ownerId) {
        int cut = frames.cut();
        if (cut > 0) {
            diagnostics.warn("stack-cut", "line " + in.lineNumber(), owner + (ownerId >= 0 ? " " + ownerId : "")
                    + " has " + (frames.depth() + cut) + " frames, more than maxStackDepth=" + limits.maxStackDepth()
                    + "; the frames nearest the root were dropped");
        }
        return frames.intern();
    }

    private void finishGoroutine() {
        boolean cut = frames.cut() > 0;
        int stack = internStack("goroutine", gId);
        ids.add(gId);
        states.add(gState);
        stateClasses.add(gStateClass);
        waits.add(gWait);
        flags.add((gLocked ? FLAG_LOCKED : 0) | (gElided || cut ? FLAG_ELIDED : 0));
        createdBy.add(gCreatedBy);
        creators.add(gCreator);
        stackIds.add(stack);
        lines.add(gLine);
        resetFrames();
    }

    // ---- debug=1 ---------------------------------------------------------------------------------------------------

    /** {@code 28 @ 0x43b2f6 0x407e5b ...}: a record of the aggregated profile. */
    private boolean profileRecordStart() {
        int n = in.length();
        int i = 0;
        while (i < n && isDigit(in.at(i))) {
            i++;
        }
        if (i + 2 > n || in.at(i) != ' ' || in.at(i + 1) != '@') {
            return false;
        }
        resetFrames();
        recordCount = parseLong(0, i);
        recordLabels = 0;
        return recordCount >= 0;
    }

    private void profileLine() {
        if (in.length() == 0) {
            finishRecord();
            mode = Mode.TOP;
        } else if (in.startsWith(PROFILE_FRAME)) {
            profileFrame();
        } else if (in.startsWith(PROFILE_LABELS)) {
            recordLabels = builder.intern(in.text(PROFILE_LABELS.length, in.length()));
        } else {
            finishRecord();
            mode = Mode.TOP;
            topLine();
        }
    }

    /** {@code #\t0x698464\tmain.leakHandler.func1+0x24\t/opt/goleak/main.go:40}. */
    private void profileFrame() {
        int n = in.length();
        int fnStart = in.indexOf((byte) '\t', PROFILE_FRAME.length);
        if (fnStart < 0) {
            diagnostics.warn("bad-profile-frame", where(), "expected '#\\t0xPC\\tfunction+0xoff\\tfile:line'");
            return;
        }
        fnStart++;
        int fnEnd = in.indexOf((byte) '\t', fnStart);
        if (fnEnd < 0) {
            fnEnd = n;
        }
        int plus = indexOf("+0x", fnStart, fnEnd);
        frames.function(frames.function(in, fnStart, plus < 0 ? fnEnd : plus));
        int fileStart = fnEnd;
        while (fileStart < n && in.at(fileStart) == '\t') {
            fileStart++;
        }
        if (fileStart >= n) {
            frames.flushPending();
        } else {
            fileLine(fileStart);
        }
    }

    private void finishRecord() {
        int stack = internStack("the profile record ending at line", in.lineNumber());
        recordCounts.add(recordCount);
        recordStacks.add(stack);
        recordLabelIds.add(recordLabels);
        resetFrames();
    }

    // ---- race reports ----------------------------------------------------------------------------------------------

    private void raceLine() {
        int n = in.length();
        if (n == 0) {
            finishRaceSection();
        } else if (in.startsWith(RACE_RULE)) {
            finishRaceSection();
            mode = Mode.TOP;
        } else if (in.at(0) == ' ') {
            int i = 0;
            while (i < n && in.at(i) == ' ') {
                i++;
            }
            if (raceHeading == null) {
                diagnostics.warn("unknown-race-line", where(), "race frame outside a section: " + shortText());
            } else if (i <= 2 && isFunctionLine(i)) {
                functionLine(i);
            } else if (i > 2) {
                fileLine(i);
            } else {
                diagnostics.warn("unknown-race-line", where(), "not a race report frame: " + shortText());
            }
        } else if (in.at(n - 1) == ':') {
            finishRaceSection();
            raceHeading = in.text(0, n - 1);
            raceGoroutine = raceGoroutineId(n - 1);
        } else {
            finishRaceSection();
            mode = Mode.TOP;
            topLine();
        }
    }

    private long raceGoroutineId(int end) {
        int by = indexOf(" by goroutine ", 0, end);
        if (by >= 0) {
            return parseLong(by + BY_GOROUTINE.length, end);
        }
        if (in.startsWith(RACE_GOROUTINE)) {
            int sp = in.indexOf((byte) ' ', RACE_GOROUTINE.length);
            return sp < 0 ? -1 : parseLong(RACE_GOROUTINE.length, sp);
        }
        return -1;
    }

    private void finishRaceSection() {
        if (raceHeading != null) {
            races.add(new RaceAccess(raceReports - 1, raceHeading, raceGoroutine, internStack(raceHeading, -1)));
            raceHeading = null;
        }
        resetFrames();
    }

    // ---- end -------------------------------------------------------------------------------------------------------

    /**
     * A dump is cut off when its last line has no newline and started inside a goroutine or profile record, or when a
     * goroutine's last function line has no file line after it.
     */
    private void endOfInput(Mode lastLineMode, boolean lastTerminated) {
        boolean cutInBlock = !lastTerminated
                && (lastLineMode == Mode.GOROUTINE || lastLineMode == Mode.PROFILE_RECORD);
        String what = lastLineMode == Mode.PROFILE_RECORD ? "a profile record" : "goroutine " + gId;
        if (cutInBlock || mode == Mode.GOROUTINE && frames.hasPendingFunction()) {
            truncated = true;
            diagnostics.warn("truncated", "byte " + in.consumed(), "the dump ends inside " + what
                    + " (cut off, as pprof does at 64 MB); what came before is kept");
        }
        switch (mode) {
            case GOROUTINE -> finishGoroutine();
            case PROFILE_RECORD -> finishRecord();
            case RACE -> finishRaceSection();
            default -> {
            }
        }
        mode = Mode.TOP;
    }

    // ---- numbers ---------------------------------------------------------------------------------------------------

    private long parseLong(int from, int to) {
        return Digits.parse(in, from, to);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isHex(byte b) {
        return isDigit(b) || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
    }
}
