package io.incident.app.ingest;

import io.incident.app.store.ArtifactRecord;
import io.incident.model.SourceKind;

/** What happened to one candidate in an import. */
public record ImportOutcome(String displayPath, SourceKind kind, Status status, String message, ArtifactRecord record) {
    /** How an import of one file ended. */
    public enum Status {
        IMPORTED,
        ALREADY_IN_CASE,
        UNKNOWN,
        FAILED,
        CANCELLED
    }
}
