package io.incident.parsers.journal;

import io.incident.model.ClockKind;
import io.incident.model.Source;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Inputs;
import io.incident.parsers.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.concurrent.CancellationException;

/** What both journal readers share: opening the file, the timeline, and turning library failures into errors. */
final class JournalReading {
    /** One of the two parsers, given the stream, the file size (-1 when unknown) and where to send entries. */
    @FunctionalInterface
    interface Parser {
        long run(InputStream in, long total, Source.Builder builder, EntrySink sink) throws IOException, ArtifactException;
    }

    private JournalReading() {
    }

    static Source read(ReadContext ctx, Parser parser) throws ArtifactException {
        try (InputStream raw = Files.newInputStream(ctx.file())) {
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            long total = gzip ? -1 : Files.size(ctx.file());
            try (InputStream in = Inputs.open(ctx)) {
                return read(in, total, ctx, parser);
            }
        } catch (Inputs.LimitIOException e) {
            throw e.limit();
        } catch (IOException e) {
            throw new ArtifactException(ctx.name(), "", "cannot read the file: " + e.getMessage(), e);
        }
    }

    /** Reads from a stream the caller opened (tests feed throttled streams here). */
    static Source read(InputStream in, long total, ReadContext ctx, Parser parser) throws ArtifactException, IOException {
        Source.Builder builder = Source.builder(ctx.info(), ClockKind.ABSOLUTE_UTC);
        JournalTimeline timeline = JournalTimeline.fromSystemProperties(builder);
        try {
            parser.run(in, total, builder, timeline);
            timeline.finish();
            ctx.progress().bytes(total, total);
            return builder.build();
        } catch (CancellationException | ArtifactException | IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ArtifactException(ctx.name(), "after entry " + timeline.entries(),
                    "unexpected failure while reading: " + e, e);
        }
    }
}
