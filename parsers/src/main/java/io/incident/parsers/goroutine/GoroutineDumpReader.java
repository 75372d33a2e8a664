package io.incident.parsers.goroutine;

import io.incident.model.ClockKind;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Head;
import io.incident.parsers.Inputs;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.regex.Pattern;

/**
 * Go goroutine dumps: debug=2 and debug=1 output, panic and fatal-error tracebacks, SIGQUIT dumps, race reports. A dump
 * carries no timestamp: the source has a {@link ClockKind#RELATIVE} clock with everything at time 0, the instant the
 * dump was taken, which the app places from the capture, the file time or the analyst.
 */
public final class GoroutineDumpReader implements FormatReader {
    /**
     * A goroutine header, in the classic form or the Go 1.26 form with gp= and m= (and mp= when the goroutine has an M;
     * {@code m=nil} comes without one) before the state.
     */
    static final Pattern HEADER = Pattern.compile("(?m)^goroutine \\d+ (gp=\\S+ m=\\S+ (mp=\\S+ )?)?\\[");
    private static final Pattern OTHER_START = Pattern.compile(
            "(?m)^(goroutine profile: total \\d+|panic: |fatal error: |WARNING: DATA RACE|SIGQUIT: quit"
                    + "|runtime: goroutine stack exceeds)");

    @Override
    public SourceKind kind() {
        return SourceKind.GOROUTINE_DUMP;
    }

    @Override
    public boolean recognizes(Head head) {
        if (head.gzipped()) {
            return false;
        }
        String text = head.text();
        return HEADER.matcher(text).find() || OTHER_START.matcher(text).find();
    }

    @Override
    public Source read(ReadContext context) throws ArtifactException {
        return parse(context).source();
    }

    /** Parses a dump from a stream, for callers that want the goroutines and buckets, not only the model. */
    public static GoroutineDump parse(InputStream in, String name, Limits limits) throws ArtifactException {
        return parse(in, new SourceInfo(name, SourceKind.GOROUTINE_DUMP, -1, null), limits, Progress.NONE, -1,
                Cancellation.none());
    }

    /** Parses a dump file with the context's limits, progress and cancellation. */
    public static GoroutineDump parse(ReadContext context) throws ArtifactException {
        try (InputStream in = Inputs.open(context)) {
            return parse(in, context.info(), context.limits(), context.progress(), Files.size(context.file()),
                    context.cancellation());
        } catch (IOException e) {
            throw new ArtifactException(context.name(), "", "a readable file (" + e.getMessage() + ")", e);
        }
    }

    static GoroutineDump parse(InputStream in, SourceInfo info, Limits limits, Progress progress, long totalBytes,
                               Cancellation cancellation) throws ArtifactException {
        String name = info.path();
        Source.Builder builder = Source.builder(info, ClockKind.RELATIVE);
        DumpParser parser = new DumpParser(new LineSource(in, limits.maxLineBytes()), builder, name, limits, progress,
                totalBytes, cancellation);
        try {
            parser.run();
        } catch (Inputs.LimitIOException e) {
            throw e.limit();
        } catch (IOException e) {
            throw new ArtifactException(name, "byte " + parser.bytesRead(), "readable input (" + e.getMessage() + ")",
                    e);
        } catch (java.util.concurrent.CancellationException e) {
            // Cancellation is not a reading error: let the import see it as such.
            throw e;
        } catch (RuntimeException e) {
            if (e instanceof java.util.concurrent.CancellationException c) {
                throw c;
            }
            throw new ArtifactException(name, "line " + parser.lineCount(), "a goroutine dump line the reader can take ("
                    + e + ")", e);
        }
        if (!parser.recognizedAnything()) {
            throw ArtifactException.atLine(name, parser.lineCount(), "a Go goroutine dump, but no goroutine header "
                    + "('goroutine N [state]:'), 'goroutine profile: total N', panic, fatal error or race report was found");
        }
        try {
            return new DumpAssembler(parser).assemble();
        } catch (java.util.concurrent.CancellationException e) {
            // Cancellation is not a reading error: let the import see it as such.
            throw e;
        } catch (RuntimeException e) {
            throw new ArtifactException(name, "end of input", "a consistent goroutine dump (" + e + ")", e);
        }
    }
}
