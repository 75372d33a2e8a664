package io.incident.app.ingest;

import io.incident.model.Source;
import io.incident.parsers.Detection;

/**
 * The result of detecting and reading one candidate: the detection, and either the model or the error message.
 *
 * @param error null when the file was read; the reader's message otherwise (or why the kind is unknown)
 */
public record ReadOutcome(Candidate candidate, Detection detection, Source source, String error, String sha256,
                          long size) {
    public boolean ok() {
        return source != null;
    }
}
