package io.incident.app.store;

import io.incident.model.Clock;
import io.incident.model.ClockKind;
import io.incident.model.Diagnostic;
import io.incident.model.SourceKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One imported artifact as the case remembers it: identity and chain of custody (path, size, SHA-256, when it was
 * imported), the clock the analyst or the aligner set, and the reader's diagnostics.
 *
 * @param clockBasis where the placement on the timeline comes from, shown to the analyst: "recorded in the file",
 *                   "file modification time", "set by the analyst", "aligned with ..."
 */
public record ArtifactRecord(long id, String path, SourceKind kind, long size, String sha256, Instant importedAt,
                             ClockKind clockKind, long offsetNanos, LocalDate date, String clockBasis,
                             List<Diagnostic> diagnostics) {
    public ArtifactRecord {
        diagnostics = List.copyOf(diagnostics);
        clockBasis = clockBasis == null ? "" : clockBasis;
    }

    public Clock clock() {
        return new Clock(clockKind, offsetNanos, date);
    }

    public ArtifactRecord withClock(long offset, LocalDate day, String basis) {
        return new ArtifactRecord(id, path, kind, size, sha256, importedAt, clockKind, offset, day, basis, diagnostics);
    }

    public ArtifactRecord withId(long newId) {
        return new ArtifactRecord(newId, path, kind, size, sha256, importedAt, clockKind, offsetNanos, date, clockBasis,
                diagnostics);
    }
}
