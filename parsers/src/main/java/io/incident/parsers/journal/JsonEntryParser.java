package io.incident.parsers.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.LimitExceededException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads journalctl's JSON output modes with Jackson's streaming parser: {@code json} (one object per line),
 * {@code json-pretty}, {@code json-seq} and {@code json-sse} (both unwrapped by {@link JsonFraming}). Values are strings;
 * a repeated field is an array (the first value is kept); a binary value is an array of byte numbers; a field too large
 * for journalctl without {@code --all} is null.
 */
final class JsonEntryParser {
    private static final int CANCEL_EVERY = 4096;
    private static final int PROGRESS_EVERY = 1 << 20;

    private final InputStream in;
    private final long total;
    private final ParserSetup setup;
    private final JournalEntry entry = new JournalEntry();
    private final ByteStrings cache = new ByteStrings();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long entries;

    JsonEntryParser(InputStream in, long total, ParserSetup setup) {
        this.in = in;
        this.total = total;
        this.setup = setup;
    }

    /** Reads to the end; returns the number of entries passed to the sink. */
    long run() throws IOException, ArtifactException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        JsonFraming framed = new JsonFraming(buffered, isSse(buffered));
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, setup.limits().maxRecordBytes())).build();
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
        long nextProgress = PROGRESS_EVERY;
        try (JsonParser p = factory.createParser(framed)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.START_OBJECT) {
                    return stop("not-an-object", p.currentTokenLocation().getLineNr(),
                            "expected a JSON object (one journal entry), found " + t.asString());
                }
                entry.clear();
                entry.place = p.currentTokenLocation().getLineNr();
                entry.placeIsLine = true;
                if (!readObject(p)) {
                    return stop("bad-json", p.currentTokenLocation().getLineNr(),
                            "expected a field name or the end of the entry object");
                }
                setup.sink().accept(entry);
                if (++entries % CANCEL_EVERY == 0) {
                    setup.cancelCheck().run();
                }
                if (framed.consumed() >= nextProgress) {
                    setup.progress().bytes(framed.consumed(), total);
                    nextProgress = framed.consumed() + PROGRESS_EVERY;
                }
            }
        } catch (JsonEOFException e) {
            if (framed.failure() != null) {
                return stop("bad-sse-line", framed.failure().line, framed.failure().getMessage());
            }
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            if (entries == 0) {
                throw ArtifactException.atLine(setup.file(), line, "expected a complete JSON journal entry, found the end of "
                        + "the file");
            }
            setup.diagnostics().warn("truncated-entry", "line " + line, "the last entry is cut off by the end of the file; "
                    + "it was dropped");
        } catch (StreamConstraintsException e) {
            // Jackson gives no location here; name the line where the offending entry starts.
            throw new LimitExceededException(setup.file(), "line " + entry.place, "maxRecordBytes",
                    setup.limits().maxRecordBytes(), "the length of a JSON value in the entry starting at this line");
        } catch (StreamReadException e) {
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            return stop("bad-json", line, "expected JSON: " + e.getOriginalMessage());
        }
        if (framed.failure() != null) {
            return stop("bad-sse-line", framed.failure().line, framed.failure().getMessage());
        }
        return entries;
    }

    private long stop(String name, long line, String what) throws ArtifactException {
        if (entries == 0) {
            throw ArtifactException.atLine(setup.file(), line, what);
        }
        setup.diagnostics().error(name, "line " + line, what + "; the rest of the file was not read");
        return entries;
    }

    /** json-sse is the only mode whose first non-blank byte is not '{' or the record separator. */
    private static boolean isSse(BufferedInputStream in) throws IOException {
        in.mark(4096);
        byte[] head = in.readNBytes(4096);
        in.reset();
        for (byte b : head) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != 0x1e) {
                return b == 'd';
            }
        }
        return false;
    }

    /** Reads the fields of one entry object into {@link #entry}; false when the object is not closed properly. */
    private boolean readObject(JsonParser p) throws IOException, ArtifactException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            Field f = Field.of(p.currentName());
            t = p.nextToken();
            if (f == null) {
                p.skipChildren();
                continue;
            }
            switch (t) {
                case VALUE_STRING, VALUE_NUMBER_INT -> set(f, p.getText());
                case START_ARRAY -> set(f, firstOfArray(p));
                case VALUE_NULL -> entry.messageOmitted |= f == Field.MESSAGE;
                default -> p.skipChildren();
            }
        }
        return t == JsonToken.END_OBJECT;
    }

    /** A repeated field's first value, or a binary value (array of byte numbers) decoded as UTF-8. */
    private String firstOfArray(JsonParser p) throws IOException, ArtifactException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return bytesOf(p, t);
        }
        String first = null;
        if (t == JsonToken.VALUE_STRING) {
            first = p.getText();
        } else if (t == JsonToken.START_ARRAY) {
            JsonToken inner = p.nextToken();
            first = inner == JsonToken.VALUE_NUMBER_INT ? bytesOf(p, inner) : null;
            if (inner != JsonToken.END_ARRAY && first == null) {
                p.skipChildren();
            }
        }
        if (t != JsonToken.END_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                p.skipChildren();
            }
        }
        return first;
    }

    /** Collects byte numbers from the current one to the array's end. */
    private String bytesOf(JsonParser p, JsonToken first) throws IOException, ArtifactException {
        bytes.reset();
        JsonToken t = first;
        while (t == JsonToken.VALUE_NUMBER_INT) {
            if (bytes.size() >= setup.limits().maxRecordBytes()) {
                throw new LimitExceededException(setup.file(), "line " + p.currentLocation().getLineNr(), "maxRecordBytes",
                        setup.limits().maxRecordBytes(), "binary field value");
            }
            bytes.write(p.getIntValue());
            t = p.nextToken();
        }
        if (t != JsonToken.END_ARRAY) {
            p.skipChildren();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                p.skipChildren();
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void set(Field f, String v) {
        if (v == null) {
            return;
        }
        JournalEntry e = entry;
        switch (f) {
            case REALTIME -> e.realtimeMicros = number(v, f);
            case MONOTONIC -> e.monotonicMicros = number(v, f);
            case SEQNUM -> e.seqnum = number(v, f);
            case SEQNUM_ID -> e.seqnumId = v;
            case BOOT_ID -> e.bootId = v;
            case MESSAGE -> e.message = v;
            case PRIORITY -> {
                long n = number(v, f);
                e.priority = n == JournalEntry.ABSENT || n > Integer.MAX_VALUE ? -1 : (int) n;
            }
            case PID -> e.pid = number(v, f);
            case COMM -> e.comm = v;
            case SYSTEMD_UNIT -> e.systemdUnit = v;
            case SYSLOG_IDENTIFIER -> e.syslogIdentifier = v;
            case UNIT, USER_UNIT -> e.aboutUnit = v;
            case CURSOR -> {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                e.seqnumFromCursor(b, 0, b.length, cache);
            }
            default -> throw new IllegalStateException("unhandled field " + f);
        }
    }

    private long number(String v, Field f) {
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        setup.diagnostics().warn("bad-number", entry.where(), f.journalName + " is not a decimal number: '"
                + (v.length() > 40 ? v.substring(0, 40) : v) + "'");
        return JournalEntry.ABSENT;
    }
}
