package io.incident.app.ingest;

import io.incident.model.SourceInfo;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Detection;
import io.incident.parsers.Formats;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;

/** Detects, hashes and reads one candidate. Shared by the command line and the import pipeline. */
public final class ArtifactReading {
    private ArtifactReading() {
    }

    public static ReadOutcome read(Candidate c, Limits limits, Progress progress, Cancellation cancel) {
        Detection d;
        long size;
        String sha;
        try {
            size = Files.size(c.file());
            d = Formats.detect(c.file());
            sha = sha256(c.file(), cancel);
        } catch (IOException e) {
            return new ReadOutcome(c, Detection.unknown("cannot read the file"), null,
                    c.displayPath() + ": cannot read the file (" + e.getMessage() + ")", "", -1);
        }
        if (!d.isKnown()) {
            return new ReadOutcome(c, d, null, c.displayPath() + ": unrecognized content: " + d.reason(), sha, size);
        }
        SourceInfo info = new SourceInfo(c.displayPath(), d.kind(), size, sha);
        try {
            var source = d.reader().read(new ReadContext(c.file(), info, limits, progress, cancel));
            progress.bytes(size, size);
            return new ReadOutcome(c, d, source, null, sha, size);
        } catch (ArtifactException e) {
            return new ReadOutcome(c, d, null, e.getMessage(), sha, size);
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // A reader broke its contract; the analyst still gets a message naming the file, and the case is untouched.
            return new ReadOutcome(c, d, null, c.displayPath() + ": internal error in the " + d.kind().id() + " reader: "
                    + e, sha, size);
        }
    }

    public static String sha256(Path file, Cancellation cancel) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            long total = 0;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                total += n;
                if ((total & ((1 << 24) - 1)) < n) {
                    cancel.check();
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
