package io.incident.parsers.jfr;

import io.incident.model.Diagnostics;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Inputs;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * A recording made ready for the JDK API, which only reads whole files: gunzipped to a temp file (within the
 * decompression limits), its chunks scanned, and its complete chunks available as files of their own. Deletes every
 * temp file it made on {@link #close()}.
 */
public final class PreparedRecording implements AutoCloseable {
    private final String name;
    private final Path file;
    private final ChunkScanner.Layout layout;
    private final List<Path> temps = new ArrayList<>();

    private PreparedRecording(String name, Path file, ChunkScanner.Layout layout, List<Path> temps) {
        this.name = name;
        this.file = file;
        this.layout = layout;
        this.temps.addAll(temps);
    }

    /** Prepares a file with the default limits, for callers outside an import (the event browser). */
    public static PreparedRecording open(Path path, Diagnostics diagnostics) throws ArtifactException {
        SourceInfo info = new SourceInfo(path.toString(), SourceKind.JFR, -1, "");
        return prepare(new ReadContext(path, info, Limits.fromSystemProperties(), Progress.NONE, Cancellation.none()),
                diagnostics);
    }

    public static PreparedRecording prepare(ReadContext ctx, Diagnostics diagnostics) throws ArtifactException {
        List<Path> temps = new ArrayList<>();
        try {
            Path plain = ctx.file();
            if (isGzip(plain)) {
                plain = Files.createTempFile("incident-jfr-", ".jfr");
                temps.add(plain);
                inflate(ctx, plain, diagnostics);
            }
            ChunkScanner.Layout layout;
            long size = Files.size(plain);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(plain), 1 << 16)) {
                // The scan only skips from header to header; progress is reported as chunks are read, so it rises once.
                layout = new ChunkScanner(ctx.name(), diagnostics, Progress.NONE, size).scan(in);
            }
            PreparedRecording r = new PreparedRecording(ctx.name(), plain, layout, temps);
            temps.clear();
            return r;
        } catch (IOException e) {
            throw new ArtifactException(ctx.name(), "", "readable file expected: " + e.getMessage(), e);
        } finally {
            temps.forEach(PreparedRecording::deleteQuietly);
        }
    }

    private static boolean isGzip(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(2);
            return Inputs.isGzip(b, b.length);
        }
    }

    /** Inflates within the limits; a truncated or corrupt gzip keeps what inflated, for the chunk scan to judge. */
    private static void inflate(ReadContext ctx, Path target, Diagnostics diagnostics)
            throws IOException, ArtifactException {
        try (InputStream in = Inputs.open(ctx); OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[1 << 16];
            long done = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                done += n;
                if ((done & ((1 << 20) - 1)) < n) {
                    ctx.progress().bytes(done, -1);
                    ctx.cancellation().check();
                }
            }
        } catch (Inputs.LimitIOException e) {
            throw e.limit();
        } catch (EOFException | ZipException e) {
            diagnostics.warn("truncated-gzip", "byte " + Files.size(target) + " (decompressed)",
                    "gzip stream ends early or is corrupt (" + e.getMessage() + "); the inflated prefix is used");
        }
    }

    public String name() {
        return name;
    }

    /** The plain (gunzipped) recording, which the direct parser reads its chunks from in place. */
    Path plainFile() {
        return file;
    }

    public ChunkScanner.Layout layout() {
        return layout;
    }

    public List<ChunkHeader> chunks() {
        return layout.chunks();
    }

    /** Whether the decompressed recording is exactly its complete chunks, so the JDK API can read it in place. */
    public boolean wholeFileReadable() {
        return layout.complete();
    }

    /** A file holding only the complete chunks: the recording itself when nothing is cut, else a copy of the prefix. */
    public Path completeChunks() throws IOException {
        if (wholeFileReadable()) {
            return file;
        }
        return copy(0, layout.validEnd());
    }

    /**
     * Consecutive chunks {@code [first, last]} as a file of their own, or the recording itself when they are all of it;
     * the caller hands it back to {@link #release} (or leaves it to {@link #close()}).
     */
    public Path chunkFile(int first, int last) throws IOException {
        ChunkHeader a = layout.chunks().get(first);
        ChunkHeader z = layout.chunks().get(last);
        if (a.offset() == 0 && z.end() == layout.totalBytes()) {
            return file;
        }
        return copy(a.offset(), z.end() - a.offset());
    }

    /** Deletes a file {@link #chunkFile} made, keeping the recording itself. */
    public void release(Path chunk) {
        if (!chunk.equals(file)) {
            deleteQuietly(chunk);
            synchronized (temps) {
                temps.remove(chunk);
            }
        }
    }

    private Path copy(long from, long length) throws IOException {
        Path out = Files.createTempFile("incident-jfr-chunk-", ".jfr");
        synchronized (temps) {
            temps.add(out);
        }
        try (FileChannel src = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel dst = FileChannel.open(out, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < length) {
                long n = src.transferTo(from + done, length - done, dst);
                if (n <= 0) {
                    throw new EOFException("recording shrank while being read at byte " + (from + done));
                }
                done += n;
            }
        }
        return out;
    }

    @Override
    public void close() {
        synchronized (temps) {
            temps.forEach(PreparedRecording::deleteQuietly);
            temps.clear();
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            p.toFile().deleteOnExit();
        }
    }
}
