package io.incident.app.session;

import io.incident.app.cli.Scratch;
import io.incident.app.ingest.ArtifactScanner;
import io.incident.app.ingest.Candidate;
import io.incident.app.ingest.ImportOutcome;
import io.incident.app.ingest.Importer;
import io.incident.app.store.ArtifactRecord;
import io.incident.app.store.CaseException;
import io.incident.app.store.CaseStore;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An open case with its models in memory: what the window and the headless commands work on. Thread-safe: imports run
 * on worker threads while the window reads {@link #sources()}.
 */
public final class CaseSession implements AutoCloseable {
    private final CaseStore store;
    private final List<LoadedSource> sources = new ArrayList<>();
    private final Limits limits = Limits.fromSystemProperties();
    private Path scratch;

    private CaseSession(CaseStore store) {
        this.store = store;
    }

    /** Opens the case and loads every stored model; an unreadable model is reported, the rest still load. */
    public static CaseSession open(Path caseFile, List<String> problems) throws CaseException {
        CaseStore store = CaseStore.open(caseFile);
        CaseSession s = new CaseSession(store);
        for (ArtifactRecord r : store.artifacts()) {
            try {
                s.sources.add(new LoadedSource(r, store.loadSource(r.id())));
            } catch (CaseException e) {
                problems.add(e.getMessage());
            }
        }
        return s;
    }

    public CaseStore store() {
        return store;
    }

    public synchronized List<LoadedSource> sources() {
        return List.copyOf(sources);
    }

    /** Expands dropped paths into candidates; bundles go to a scratch folder deleted with the session. */
    public ArtifactScanner.Scan scan(List<Path> inputs, Cancellation cancel) throws IOException {
        synchronized (this) {
            if (scratch == null) {
                scratch = Files.createTempDirectory("workbench-bundles");
            }
        }
        return new ArtifactScanner(scratch, limits, cancel).scan(inputs);
    }

    public ImportOutcome importCandidate(Candidate c, Progress progress, Cancellation cancel) {
        ImportOutcome o = new Importer(store, limits).importOne(c, progress, cancel);
        if (o.status() == ImportOutcome.Status.IMPORTED) {
            try {
                LoadedSource l = new LoadedSource(o.record(), store.loadSource(o.record().id()));
                synchronized (this) {
                    sources.add(l);
                }
            } catch (CaseException e) {
                return new ImportOutcome(o.displayPath(), o.kind(), ImportOutcome.Status.FAILED, e.getMessage(), null);
            }
        }
        return o;
    }

    /** Replaces a source's record after its clock changed. */
    public synchronized void updateRecord(ArtifactRecord r) {
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).record().id() == r.id()) {
                sources.set(i, new LoadedSource(r, sources.get(i).source()));
            }
        }
    }

    @Override
    public void close() {
        store.close();
        Scratch.delete(scratch);
    }
}
