package io.incident.app.ingest;

import io.incident.app.store.ArtifactRecord;
import io.incident.app.store.CaseException;
import io.incident.app.store.CaseStore;
import io.incident.model.ClockKind;
import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CancellationException;

/**
 * Imports one candidate into a case: detect, hash, read, then store model and record in one commit. A failure or a
 * cancellation leaves the case as it was. Runs on a worker thread; never on the JavaFX thread.
 */
public final class Importer {
    private final CaseStore store;
    private final Limits limits;

    public Importer(CaseStore store, Limits limits) {
        this.store = store;
        this.limits = limits;
    }

    public ImportOutcome importOne(Candidate c, Progress progress, Cancellation cancel) {
        long id = store.newArtifactId();
        try {
            ReadOutcome r = ArtifactReading.read(c, limits, progress, cancel);
            if (!r.detection().isKnown()) {
                return new ImportOutcome(c.displayPath(), SourceKind.UNKNOWN, ImportOutcome.Status.UNKNOWN,
                        r.detection().reason(), null);
            }
            if (!r.ok()) {
                return new ImportOutcome(c.displayPath(), r.detection().kind(), ImportOutcome.Status.FAILED, r.error(), null);
            }
            if (store.containsSha256(r.sha256())) {
                return new ImportOutcome(c.displayPath(), r.detection().kind(), ImportOutcome.Status.ALREADY_IN_CASE,
                        "the same bytes (SHA-256 " + r.sha256().substring(0, 12) + "...) are already in this case", null);
            }
            cancel.check();
            ArtifactRecord record = placement(r, c);
            ArtifactRecord stored = store.addArtifact(id, record, r.source());
            return new ImportOutcome(c.displayPath(), r.detection().kind(), ImportOutcome.Status.IMPORTED,
                    r.source().diagnostics().isEmpty() ? "" : r.source().diagnostics().size() + " diagnostics", stored);
        } catch (CancellationException e) {
            store.discard(id);
            return new ImportOutcome(c.displayPath(), SourceKind.UNKNOWN, ImportOutcome.Status.CANCELLED, "cancelled", null);
        } catch (CaseException e) {
            store.discard(id);
            return new ImportOutcome(c.displayPath(), SourceKind.UNKNOWN, ImportOutcome.Status.FAILED, e.getMessage(), null);
        }
    }

    /**
     * The initial clock of a new artifact. A file with absolute times is placed by them. A file without a date or
     * without any time is placed by its modification time, and the record says so, until alignment or the analyst
     * places it better.
     */
    static ArtifactRecord placement(ReadOutcome r, Candidate c) {
        Source s = r.source();
        long offset = 0;
        LocalDate date = null;
        String basis = "recorded in the file";
        Instant mtime = modified(c);
        if (s.clockKind() == ClockKind.TIME_OF_DAY) {
            date = mtime.atZone(ZoneOffset.UTC).toLocalDate();
            if (s.hasTimeRange() && s.maxTime() % io.incident.model.Clock.NANOS_PER_DAY
                    > mtime.atZone(ZoneOffset.UTC).toLocalTime().toNanoOfDay() + 3_600_000_000_000L) {
                // The log ends after the file was last written on that day: it was written the day before.
                date = date.minusDays(1);
            }
            basis = "time of day from the file; date from the file modification time";
        } else if (s.clockKind() == ClockKind.RELATIVE) {
            long end = s.hasTimeRange() ? s.maxTime() : 0;
            offset = mtime.getEpochSecond() * 1_000_000_000L + mtime.getNano() - end;
            basis = "file modification time (the file records no time of its own)";
        }
        return new ArtifactRecord(0, r.candidate().displayPath(), r.detection().kind(), r.size(), r.sha256(),
                Instant.now(), s.clockKind(), offset, date, basis, s.diagnostics());
    }

    private static Instant modified(Candidate c) {
        try {
            return Files.getLastModifiedTime(c.file()).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }
}
