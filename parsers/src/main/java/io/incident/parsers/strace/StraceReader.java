package io.incident.parsers.strace;

import io.incident.model.ClockKind;
import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Head;
import io.incident.parsers.Inputs;
import io.incident.parsers.Limits;
import io.incident.parsers.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * strace logs of every shape strace 5 and 6 write, and -c/-C summary tables.
 *
 * <p>Clock: -t/-tt give {@link ClockKind#TIME_OF_DAY} (a jump back of more than half a day is midnight and adds a
 * day, so times stay monotonic), -ttt and ns epoch stamps {@link ClockKind#ABSOLUTE_UTC}, -r (summed deltas) and files without
 * timestamps {@link ClockKind#RELATIVE} (without timestamps, lines sit one microsecond apart in file order).
 *
 * <p>Tracks: per thread {@code "syscalls <tid>"} in group {@code "pid <tgid>"}: a {@code SpanTrack} when the file has
 * -T durations, else an {@code InstantTrack}; label = syscall name. This is the per-syscall table for the UI (see
 * {@link StraceStats#calls}); each event's args use these keys:
 * <ul>
 * <li>{@code args}: argument text, cut to {@value StraceAssembler#ARGS_CHARS} characters (an unfinished call and its
 * resumption are joined)</li>
 * <li>{@code ret}: return text without errno ({@code 3}, {@code -1}, {@code ?}, {@code 3</etc/passwd>},
 * {@code 0 (Timeout)})</li>
 * <li>{@code errno}, {@code error}: {@code EMFILE}, {@code Too many open files} (also for {@code = ? ERESTARTSYS})</li>
 * <li>{@code fd}: the fd the call made (open, socket, accept, dup...) or acted on (first argument)</li>
 * <li>{@code path}: the -y/-yy decoration of that fd (path or endpoint), else the path argument of path calls</li>
 * <li>{@code duration}: the -T text in seconds; {@code stack}: the -k frames, one per line;
 * {@code incomplete}: {@code true} for a call that never returned in the file</li>
 * </ul>
 * Per process an {@code "fds"} span track (creation to close, label = path or endpoint; args fd, opened by, closed by
 * or open at end) and an {@code "open fds"} counter; per errno an {@code "errors/s <ERRNO>"} counter (failed calls,
 * {@code = -1}); {@code "signals"} and {@code "process events"} (exits, kills, strace notes) instant tracks; a
 * {@code "strace -c summary"} instant track for -c/-C tables. The {@code -ff} pid comes from the file name
 * {@code name.PID}.
 */
public final class StraceReader implements FormatReader {
    /** Optional pid prefix, optional timestamp, optional -r delta, then a syscall, a resumption, an event or a note. */
    static final Pattern LINE = Pattern.compile(
            "^(\\[pid\\s+\\d+\\]\\s+|\\d+\\s+)?"
                    + "(\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?\\s+|\\d{9,}\\.\\d+\\s+|\\s*\\d+\\.\\d{6,9}\\s+)?"
                    + "(\\[\\s*[0-9a-f]+\\]\\s+)*"
                    + "([a-z_][a-z0-9_]*\\(|<\\.\\.\\. [a-z0-9_]+ resumed>|\\+\\+\\+ |--- |strace: |\\?\\?\\?\\()");
    private static final Pattern SUMMARY = Pattern.compile("(?m)^% time\\s+seconds\\s+usecs/call\\s+calls");
    /** {@code strace -ff -o name} writes {@code name.PID}. */
    private static final Pattern FF_NAME = Pattern.compile(".*\\.(\\d{1,9})$");
    /**
     * From this size a second thread reads and parses while the calling one assembles (see {@link LinePipeline}); a
     * smaller file is read before a thread would pay for itself.
     */
    static final long PIPELINE_FROM = 1 << 20;

    @Override
    public SourceKind kind() {
        return SourceKind.STRACE;
    }

    @Override
    public boolean recognizes(Head head) {
        if (head.gzipped()) {
            return false;
        }
        if (SUMMARY.matcher(head.text()).find()) {
            return true;
        }
        int seen = 0;
        int matched = 0;
        for (String line : head.lines(60)) {
            if (line.isBlank() || line.startsWith(" > ")) {
                // -k prints each stack frame on its own " > " line under the syscall: neither for nor against.
                continue;
            }
            seen++;
            if (LINE.matcher(line).find()) {
                matched++;
            }
        }
        return seen > 0 && matched * 10 >= seen * 6;
    }

    @Override
    public Source read(ReadContext context) throws ArtifactException {
        long total;
        try {
            total = Files.size(context.file());
        } catch (IOException e) {
            throw new ArtifactException(context.name(), "", "a readable file (" + e.getMessage() + ")", e);
        }
        try (InputStream in = Inputs.open(context)) {
            return read(in, total, context);
        } catch (IOException e) {
            if (e instanceof Inputs.LimitIOException limit) {
                throw limit.limit();
            }
            throw new ArtifactException(context.name(), "", "a readable file (" + e.getMessage() + ")", e);
        }
    }

    /** The streaming core: reads strace text from {@code in}; the context supplies name, limits and hooks. */
    public Source read(InputStream in, long totalBytes, ReadContext context) throws ArtifactException {
        boolean twoThreads = totalBytes < 0 || totalBytes >= PIPELINE_FROM;
        return read(in, totalBytes, context, twoThreads ? LinePipeline.BATCH_LINES : 0, LinePipeline.BATCH_BYTES);
    }

    /**
     * {@code batchLines} 0 reads, parses and assembles on the calling thread; otherwise a second thread reads and
     * parses batches of that many lines (and at most {@code batchBytes} bytes) while this one assembles them.
     */
    Source read(InputStream in, long totalBytes, ReadContext context, int batchLines, int batchBytes)
            throws ArtifactException {
        Source.Builder builder = Source.builder(context.info(), ClockKind.RELATIVE);
        Limits limits = context.limits();
        StraceAssembler assembler = new StraceAssembler(builder, pidFromFileName(context.info().fileName()),
                limits.maxLineBytes(), limits.maxStackDepth());
        LineScanner scanner = null;
        LinePipeline pipeline = null;
        try {
            if (batchLines > 0) {
                pipeline = new LinePipeline(in, limits.maxLineBytes(), totalBytes, context.progress(),
                        context.cancellation(), context.info().fileName(), batchLines, batchBytes);
                pipeline.run(assembler);
            } else {
                scanner = new LineScanner(in, limits.maxLineBytes(), totalBytes, context.progress(),
                        context.cancellation());
                scanner.run(assembler);
            }
            if (assembler.recognized() == 0 && assembler.unparsed() > 0) {
                throw notStrace(context, 1);
            }
            assembler.finish();
            return builder.build();
        } catch (StraceAssembler.NotStrace e) {
            throw notStrace(context, e.line);
        } catch (IOException e) {
            if (e instanceof Inputs.LimitIOException limit) {
                throw limit.limit();
            }
            long at = pipeline != null ? pipeline.consumed() : scanner.consumed();
            throw ArtifactException.atByte(context.name(), at, "more strace text (" + e.getMessage() + ")");
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ArtifactException(context.name(), "line " + assembler.lines(),
                    "a strace line this reader can handle (" + e + ")", e);
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
    }

    private static ArtifactException notStrace(ReadContext context, long line) {
        return ArtifactException.atLine(context.name(), line,
                "strace output (\"[pid] [time] syscall(args) = result\" lines); no line of it was one");
    }

    static int pidFromFileName(String name) {
        Matcher m = FF_NAME.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
