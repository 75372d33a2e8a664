package io.incident.app.store;

import io.incident.app.ingest.Candidate;
import io.incident.app.ingest.ImportOutcome;
import io.incident.app.ingest.Importer;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Run in a child JVM by {@link KillDuringImportTest}: imports variants of one artifact and edits notes into a case,
 * printing a line after each commit returns, until it is killed.
 */
public final class CaseWriterChild {
    private CaseWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        Path caseFile = Path.of(args[0]);
        Path artifact = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int round = Integer.parseInt(args[3]);
        try (CaseStore store = CaseStore.open(caseFile)) {
            Importer importer = new Importer(store, Limits.DEFAULT);
            System.out.println("OPEN");
            for (int i = 0; ; i++) {
                // A variant of the artifact: the same content and a trailing newline per round, so the bytes differ.
                Path variant = work.resolve("variant-" + round + "-" + i + "-" + artifact.getFileName());
                Files.copy(artifact, variant);
                Files.write(variant, "\n".repeat(1 + i + round * 1000).getBytes(), StandardOpenOption.APPEND);
                ImportOutcome o = importer.importOne(new Candidate(variant.getFileName().toString(), variant),
                        (d, t) -> { }, Cancellation.none());
                if (o.status() != ImportOutcome.Status.IMPORTED) {
                    System.out.println("IMPORT-FAILED " + o.status() + " " + o.message());
                    System.exit(3);
                }
                System.out.println("IMPORTED " + o.record().path());
                String text = "round " + round + " edit " + i;
                Note n = store.saveNote(new Note(0, Instant.now(), Instant.now(), "note " + round + "." + i, text, null,
                        null, null, null, null));
                System.out.println("NOTE " + n.id() + " " + text);
                System.out.flush();
            }
        }
    }
}
