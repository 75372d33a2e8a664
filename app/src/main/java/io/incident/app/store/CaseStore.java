package io.incident.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.incident.model.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.io.ByteArrayInputStream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * A case: one H2 MVStore file ({@code name.incident}) holding the imported artifacts, their models, and the analyst's
 * notes and bookmarks. MVStore is used directly rather than through SQL because the case must be exactly one file of
 * the analyst's chosen name and its payload is large binary columns, not rows.
 *
 * <p>Atomicity: an import writes its model chunks first and its artifact record last, then commits. Only artifacts with
 * a record exist; chunks without one (a cancelled, failed or killed import) are invisible and are swept on open. MVStore
 * appends checksummed chunks, so a process killed at any moment reopens at its last commit.
 */
public final class CaseStore implements AutoCloseable {
    /** Current schema; {@link #migrate} upgrades older cases on open. */
    public static final int SCHEMA_VERSION = 1;
    /** Step i upgrades a case from schema i+1 to i+2. Empty while schema 1 is the only one there has been. */
    private static final List<java.util.function.Consumer<CaseStore>> MIGRATIONS = List.of();
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int CHUNK_BITS = 24;

    private final Path file;
    private final MVStore store;
    private final MVMap<String, String> meta;
    private final MVMap<Long, String> artifacts;
    private final MVMap<Long, byte[]> chunks;
    private final MVMap<Long, String> notes;
    private final AtomicLong nextArtifactId;
    private final AtomicLong nextNoteId;
    private final ObjectMapper json;

    private CaseStore(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.meta = store.openMap("meta");
        this.artifacts = store.openMap("artifacts");
        this.chunks = store.openMap("chunks");
        this.notes = store.openMap("notes");
        this.json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // A case written by a newer build within the same schema may carry fields this one ignores.
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        long maxArtifact = 0;
        for (Long id : artifacts.keySet()) {
            maxArtifact = Math.max(maxArtifact, id);
        }
        Long lastChunk = chunks.lastKey();
        if (lastChunk != null) {
            maxArtifact = Math.max(maxArtifact, lastChunk >>> CHUNK_BITS);
        }
        this.nextArtifactId = new AtomicLong(maxArtifact + 1);
        Long lastNote = notes.lastKey();
        this.nextNoteId = new AtomicLong(lastNote == null ? 1 : lastNote + 1);
    }

    /** Opens or creates the case file; refuses a file that is not a case, a newer schema, or a case open elsewhere. */
    public static CaseStore open(Path file) throws CaseException {
        boolean existed = Files.exists(file);
        MVStore store;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        } catch (MVStoreException | IllegalStateException | IOException e) {
            throw new CaseException(file + ": cannot open as a case file (" + e.getMessage() + ")", e);
        }
        try {
            CaseStore c = new CaseStore(file, store);
            c.checkSchema(existed);
            c.sweepOrphans();
            return c;
        } catch (CaseException | RuntimeException e) {
            store.closeImmediately();
            if (e instanceof CaseException ce) {
                throw ce;
            }
            throw new CaseException(file + ": cannot open as a case file (" + e.getMessage() + ")", e);
        }
    }

    private void checkSchema(boolean existed) throws CaseException {
        String v = meta.get("schemaVersion");
        if (v == null) {
            if (existed && (!artifacts.isEmpty() || !notes.isEmpty())) {
                throw new CaseException(file + ": an H2 store without a case schema version; not a workbench case");
            }
            meta.put("schemaVersion", Integer.toString(SCHEMA_VERSION));
            meta.put("createdBy", "incident-workbench");
            store.commit();
            return;
        }
        int version;
        try {
            version = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new CaseException(file + ": schema version '" + v + "' is not a number", e);
        }
        if (version > SCHEMA_VERSION) {
            throw new CaseException(file + ": case schema " + version + " was written by a newer workbench; this one reads up to "
                    + SCHEMA_VERSION);
        }
        if (version < SCHEMA_VERSION) {
            migrate(version);
        }
    }

    /** Upgrades an older case in place, one version step at a time, in one commit. */
    private void migrate(int from) throws CaseException {
        for (int v = from; v < SCHEMA_VERSION; v++) {
            if (v - 1 >= MIGRATIONS.size()) {
                throw new CaseException(file + ": no migration from case schema " + v + " to " + (v + 1));
            }
            MIGRATIONS.get(v - 1).accept(this);
        }
        meta.put("schemaVersion", Integer.toString(SCHEMA_VERSION));
        store.commit();
    }

    /** Removes model chunks that no artifact record claims: the remains of an import that never committed. */
    private void sweepOrphans() {
        List<Long> orphans = new ArrayList<>();
        for (Iterator<Long> it = chunks.keyIterator(null); it.hasNext(); ) {
            long key = it.next();
            if (!artifacts.containsKey(key >>> CHUNK_BITS)) {
                orphans.add(key);
            }
        }
        if (!orphans.isEmpty()) {
            orphans.forEach(chunks::remove);
            store.commit();
        }
    }

    public Path file() {
        return file;
    }

    public int schemaVersion() {
        return Integer.parseInt(meta.get("schemaVersion"));
    }

    public List<ArtifactRecord> artifacts() {
        List<ArtifactRecord> out = new ArrayList<>();
        for (Map.Entry<Long, String> e : artifacts.entrySet()) {
            out.add(fromJson(e.getValue(), ArtifactRecord.class));
        }
        return out;
    }

    public boolean containsSha256(String sha) {
        for (ArtifactRecord r : artifacts()) {
            if (r.sha256().equals(sha)) {
                return true;
            }
        }
        return false;
    }

    /** Reserves an id for an import that has not committed yet. */
    public long newArtifactId() {
        return nextArtifactId.getAndIncrement();
    }

    /** Writes one artifact's model and record and commits them together; on any failure nothing becomes visible. */
    public ArtifactRecord addArtifact(long id, ArtifactRecord record, Source source) throws CaseException {
        ArtifactRecord r = record.withId(id);
        try (OutputStream out = new ChunkOutput(id)) {
            SourceCodec.write(source, out);
        } catch (IOException | RuntimeException e) {
            discard(id);
            throw new CaseException(file + ": cannot store the model of " + record.path() + " (" + e.getMessage() + ")", e);
        }
        artifacts.put(id, toJson(r));
        store.commit();
        return r;
    }

    /** Drops whatever an unfinished import wrote; it was never visible. */
    public void discard(long id) {
        long from = id << CHUNK_BITS;
        long to = (id + 1) << CHUNK_BITS;
        List<Long> keys = new ArrayList<>();
        for (Iterator<Long> it = chunks.keyIterator(from); it.hasNext(); ) {
            long k = it.next();
            if (k >= to) {
                break;
            }
            keys.add(k);
        }
        keys.forEach(chunks::remove);
    }

    public Source loadSource(long id) throws CaseException {
        List<InputStream> parts = new ArrayList<>();
        long from = id << CHUNK_BITS;
        long to = (id + 1) << CHUNK_BITS;
        for (Iterator<Long> it = chunks.keyIterator(from); it.hasNext(); ) {
            long k = it.next();
            if (k >= to) {
                break;
            }
            parts.add(new ByteArrayInputStream(chunks.get(k)));
        }
        if (parts.isEmpty()) {
            throw new CaseException(file + ": artifact " + id + " has no stored model");
        }
        Enumeration<InputStream> en = Collections.enumeration(parts);
        try (InputStream in = new java.io.BufferedInputStream(new SequenceInputStream(en), 1 << 16)) {
            return SourceCodec.read(in);
        } catch (IOException | RuntimeException e) {
            throw new CaseException(file + ": stored model of artifact " + id + " is unreadable (" + e.getMessage() + ")", e);
        }
    }

    /** Sets the clock offset and date of one artifact and commits; returns the updated record. */
    public ArtifactRecord setClock(long id, long offsetNanos, LocalDate date, String basis) throws CaseException {
        String j = artifacts.get(id);
        if (j == null) {
            throw new CaseException(file + ": no artifact " + id);
        }
        ArtifactRecord r = fromJson(j, ArtifactRecord.class).withClock(offsetNanos, date, basis);
        artifacts.put(id, toJson(r));
        store.commit();
        return r;
    }

    public List<Note> notes() {
        List<Note> out = new ArrayList<>();
        for (String j : notes.values()) {
            out.add(fromJson(j, Note.class));
        }
        return out;
    }

    /** Saves a note (id 0 assigns a new one) and commits at once: notes are never left unsaved. */
    public Note saveNote(Note n) {
        Note saved = n.id() == 0
                ? new Note(nextNoteId.getAndIncrement(), n.created(), n.updated(), n.title(), n.text(), n.start(), n.end(),
                        n.artifactId(), n.track(), n.event())
                : n;
        notes.put(saved.id(), toJson(saved));
        store.commit();
        return saved;
    }

    public void deleteNote(long id) {
        notes.remove(id);
        store.commit();
    }

    @Override
    public void close() {
        store.close();
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName(), e);
        }
    }

    private <T> T fromJson(String s, Class<T> type) {
        try {
            return json.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + ": stored " + type.getSimpleName() + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** Splits the codec's stream into fixed-size chunks keyed by artifact id and chunk number. */
    private final class ChunkOutput extends OutputStream {
        private final long id;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(CHUNK_BYTES);
        private long chunk;

        ChunkOutput(long id) {
            this.id = id;
        }

        @Override
        public void write(int b) {
            buf.write(b);
            if (buf.size() >= CHUNK_BYTES) {
                flushChunk();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, CHUNK_BYTES - buf.size());
                buf.write(b, off, n);
                off += n;
                len -= n;
                if (buf.size() >= CHUNK_BYTES) {
                    flushChunk();
                }
            }
        }

        private void flushChunk() {
            if (chunk >= (1L << CHUNK_BITS)) {
                throw new IllegalStateException("model exceeds " + (1L << CHUNK_BITS) + " chunks");
            }
            chunks.put((id << CHUNK_BITS) | chunk++, buf.toByteArray());
            buf.reset();
        }

        @Override
        public void close() {
            if (buf.size() > 0 || chunk == 0) {
                flushChunk();
            }
        }
    }
}
