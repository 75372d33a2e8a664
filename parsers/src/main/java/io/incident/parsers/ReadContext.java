package io.incident.parsers;

import io.incident.model.SourceInfo;
import java.nio.file.Path;

/**
 * What a reader is given: the file on disk (bundle entries are extracted first), its identity for the model and for
 * error messages, the limits, and the progress and cancellation hooks.
 */
public record ReadContext(Path file, SourceInfo info, Limits limits, Progress progress, Cancellation cancellation) {
    /** The name used in diagnostics and errors. */
    public String name() {
        return info.path();
    }

    public static ReadContext of(Path file, SourceInfo info) {
        return new ReadContext(file, info, Limits.fromSystemProperties(), Progress.NONE, Cancellation.none());
    }
}
