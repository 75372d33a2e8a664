package io.incident.parsers.strace;

import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import io.incident.testing.ThrottledInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading helpers shared by the strace tests. */
final class StraceTesting {
    private StraceTesting() {
    }

    static ReadContext context(Path file, Limits limits) throws IOException {
        SourceInfo info = new SourceInfo(file.toString(), SourceKind.STRACE, Files.size(file), "");
        return new ReadContext(file, info, limits, Progress.NONE, Cancellation.none());
    }

    static Source read(Path file) throws IOException, ArtifactException {
        return new StraceReader().read(context(file, Limits.DEFAULT));
    }

    static Source read(Path file, Limits limits) throws IOException, ArtifactException {
        return new StraceReader().read(context(file, limits));
    }

    static Source readThrottled(Path file, int chunk) throws IOException, ArtifactException {
        try (InputStream in = new ThrottledInputStream(Files.newInputStream(file), chunk)) {
            return new StraceReader().read(in, Files.size(file), context(file, Limits.DEFAULT));
        }
    }
}
