package io.incident.app.cli;

import io.incident.app.ingest.ArtifactScanner;
import io.incident.app.ingest.Candidate;
import io.incident.app.ingest.ImportOutcome;
import io.incident.app.session.CaseSession;
import io.incident.app.store.CaseException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens what a headless command names: a case ({@code --case X.incident}, or a single {@code .incident} argument) as
 * it is, or loose files, folders and bundles imported into a temporary case that is deleted afterwards.
 */
public final class CaseLoader implements AutoCloseable {
    private final CaseSession session;
    private final Path temporary;

    private CaseLoader(CaseSession session, Path temporary) {
        this.session = session;
        this.temporary = temporary;
    }

    public CaseSession session() {
        return session;
    }

    /** Opens {@code caseFile} if given, else imports {@code inputs}; problems go to {@code err}. */
    public static CaseLoader open(Path caseFile, List<Path> inputs, PrintStream err) throws IOException, CaseException {
        List<String> problems = new ArrayList<>();
        if (caseFile != null) {
            CaseSession s = CaseSession.open(caseFile, problems);
            problems.forEach(p -> err.println("workbench: " + p));
            return new CaseLoader(s, null);
        }
        Path tmp = Files.createTempDirectory("workbench-case");
        CaseSession s = CaseSession.open(tmp.resolve("temporary.incident"), problems);
        ArtifactScanner.Scan scan = s.scan(inputs, Cancellation.none());
        scan.problems().forEach(p -> err.println("workbench: " + p.displayPath() + ": " + p.message()));
        for (Candidate c : scan.candidates()) {
            ImportOutcome o = s.importCandidate(c, Progress.NONE, Cancellation.none());
            if (o.status() == ImportOutcome.Status.FAILED) {
                err.println("workbench: " + c.displayPath() + ": " + o.message());
            }
        }
        // As the window does: sources placed only by a guess (file modification time) take the aligned placement, so
        // a dump is where the capture saw it fetched, not where a copy of the file happened to be written.
        new io.incident.app.align.CaseAlignment(s).placeGuessed();
        return new CaseLoader(s, tmp);
    }

    @Override
    public void close() {
        session.close();
        Scratch.delete(temporary);
    }
}
