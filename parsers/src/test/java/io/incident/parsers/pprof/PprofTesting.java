package io.incident.parsers.pprof;

import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Inputs;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import io.incident.testing.ThrottledInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading helpers shared by the pprof tests. */
final class PprofTesting {
    private PprofTesting() {
    }

    static ReadContext context(Path file, Limits limits) throws IOException {
        return new ReadContext(file, new SourceInfo(file.getFileName().toString(), SourceKind.PPROF, Files.size(file), ""),
                limits, Progress.NONE, Cancellation.none());
    }

    static Source read(Path file) throws IOException, ArtifactException {
        return new PprofReader().read(context(file, Limits.DEFAULT));
    }

    static Source read(Path file, Limits limits) throws IOException, ArtifactException {
        return new PprofReader().read(context(file, limits));
    }

    /** Reads through the stream core with input handed over {@code chunk} bytes at a time. */
    static Source readThrottled(Path file, int chunk) throws IOException, ArtifactException {
        ReadContext ctx = context(file, Limits.DEFAULT);
        try (InputStream in = new ThrottledInputStream(Inputs.open(ctx), chunk)) {
            return new PprofReader().read(in, ctx, Files.size(file));
        }
    }
}
