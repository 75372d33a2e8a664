package io.incident.parsers.journal;

import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import io.incident.parsers.Cancellation;
import io.incident.testing.ThrottledInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: reading a file or a throttled stream, and writing export files the way journalctl does. */
final class JournalFiles {
    private JournalFiles() {
    }

    static ReadContext context(Path file, SourceKind kind) throws IOException {
        return new ReadContext(file, new SourceInfo(file.getFileName().toString(), kind, Files.size(file), ""),
                Limits.DEFAULT, Progress.NONE, Cancellation.none());
    }

    static Source read(Path file) throws ArtifactException, IOException {
        boolean export = !file.getFileName().toString().contains(".json");
        return export ? new JournalExportReader().read(context(file, SourceKind.JOURNAL_EXPORT))
                : new JournalJsonReader().read(context(file, SourceKind.JOURNAL_JSON));
    }

    /** Reads the file fed in chunks of at most {@code chunk} bytes. */
    static Source readThrottled(Path file, int chunk) throws ArtifactException, IOException {
        boolean export = !file.getFileName().toString().contains(".json");
        ReadContext ctx = context(file, export ? SourceKind.JOURNAL_EXPORT : SourceKind.JOURNAL_JSON);
        try (InputStream in = new ThrottledInputStream(Files.newInputStream(file), chunk)) {
            return JournalReading.read(in, Files.size(file), ctx,
                    export ? JournalExportReader.parser(ctx) : JournalJsonReader.parser(ctx));
        }
    }

    /** Writes entries in the Journal Export Format; a value with a newline or control byte uses the binary form. */
    static final class Export {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** One whole entry: the fields, then the empty line that ends it. */
        Export entry(String... nameValues) {
            fields(nameValues);
            out.write('\n');
            return this;
        }

        /** Fields of an entry that the caller continues and ends itself. */
        Export fields(String... nameValues) {
            for (int i = 0; i < nameValues.length; i += 2) {
                field(nameValues[i], nameValues[i + 1].getBytes(StandardCharsets.UTF_8));
            }
            return this;
        }

        Export field(String name, byte[] value) {
            boolean binary = false;
            for (byte b : value) {
                binary |= b == '\n' || (b >= 0 && b < 0x20 && b != '\t');
            }
            out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
            if (binary) {
                out.write('\n');
                out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value.length).array());
                out.writeBytes(value);
            } else {
                out.write('=');
                out.writeBytes(value);
            }
            out.write('\n');
            return this;
        }

        Export raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Path write(Path dir, String name) throws IOException {
            return Files.write(dir.resolve(name), out.toByteArray());
        }
    }
}
