package io.incident.parsers.jfr;

import io.incident.model.Diagnostics;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a recording chunk by chunk, reading only the headers and skipping each body by its declared size, so that a
 * recording the JDK API would refuse as a whole (a truncated last chunk, an old format) can be explained or cut to its
 * complete chunks, as JMC's loader does. Never follows a size past the end of the input.
 */
public final class ChunkScanner {
    /** The complete chunks, and where the input stops being usable (its end when every chunk is complete). */
    public record Layout(List<ChunkHeader> chunks, long validEnd, long totalBytes) {
        public Layout {
            chunks = List.copyOf(chunks);
        }

        public boolean complete() {
            return validEnd == totalBytes;
        }
    }

    private final String name;
    private final Diagnostics diagnostics;
    private final Progress progress;
    private final long totalHint;
    private long position;
    private long lastReport;

    /**
     * @param totalHint input size for progress, -1 when unknown
     */
    public ChunkScanner(String name, Diagnostics diagnostics, Progress progress, long totalHint) {
        this.name = name;
        this.diagnostics = diagnostics;
        this.progress = progress;
        this.totalHint = totalHint;
    }

    /**
     * Scans the whole input. The first chunk must be complete and readable (else {@link ArtifactException} with its
     * offset); a later broken chunk ends the scan with a "truncated-chunk" or "trailing-bytes" diagnostic.
     */
    public Layout scan(InputStream in) throws ArtifactException, IOException {
        List<ChunkHeader> chunks = new ArrayList<>();
        while (true) {
            long offset = position;
            byte[] head = in.readNBytes(ChunkHeader.LENGTH);
            position += head.length;
            boolean first = chunks.isEmpty();
            if (head.length == 0) {
                if (first) {
                    throw ArtifactException.atByte(name, 0, "a JFR chunk header expected: the recording is empty");
                }
                return layout(chunks, offset, position);
            }
            if (!ChunkHeader.hasMagic(head)) {
                if (first) {
                    throw ArtifactException.atByte(name, offset, "JFR chunk magic FLR\\0 expected");
                }
                diagnostics.warn("trailing-bytes", "byte " + offset,
                        "bytes after the last chunk do not start with the chunk magic FLR\\0; ignored");
                drain(in);
                return layout(chunks, offset, position);
            }
            if (head.length >= ChunkHeader.VERSION_LENGTH
                    && !ChunkHeader.readableByJdk(ChunkHeader.major(head))) {
                String why = ChunkHeader.unreadableVersion(ChunkHeader.major(head), ChunkHeader.minor(head));
                if (first) {
                    throw ArtifactException.atByte(name, offset, why);
                }
                diagnostics.error("unreadable-chunk", "byte " + offset, why + "; this chunk and the rest are skipped");
                drain(in);
                return layout(chunks, offset, position);
            }
            if (head.length < ChunkHeader.LENGTH) {
                return truncated(chunks, offset, ChunkHeader.LENGTH, head.length, "chunk header");
            }
            ChunkHeader h = ChunkHeader.parse(offset, head);
            if (h.size() < ChunkHeader.LENGTH) {
                if (first) {
                    throw ArtifactException.atByte(name, offset + 8, "chunk size of at least " + ChunkHeader.LENGTH
                            + " bytes expected, the header declares " + h.size());
                }
                diagnostics.error("bad-chunk-header", "byte " + (offset + 8), "chunk declares size " + h.size()
                        + "; this chunk and the rest are skipped");
                drain(in);
                return layout(chunks, offset, position);
            }
            long body = h.size() - ChunkHeader.LENGTH;
            byte[] state = in.readNBytes((int) Math.min(4, body));
            position += state.length;
            if (state.length < 4) {
                return truncated(chunks, offset, h.size(), ChunkHeader.LENGTH + state.length, "chunk");
            }
            long skipped = skip(in, body - state.length);
            if (skipped < body - state.length) {
                return truncated(chunks, offset, h.size(), ChunkHeader.LENGTH + state.length + skipped, "chunk");
            }
            String unusable = unusable(h, head, state);
            if (unusable != null) {
                if (first) {
                    throw ArtifactException.atByte(name, offset, "a finished JFR chunk expected: " + unusable);
                }
                diagnostics.error("unfinished-chunk", "byte " + offset, "chunk " + (chunks.size() + 1) + " "
                        + unusable + "; the " + chunks.size() + " complete chunk(s) before it are kept");
                drain(in);
                return layout(chunks, offset, position);
            }
            chunks.add(h);
        }
    }

    /**
     * Why the JDK must not be given this chunk, or null. Its reader waits, without end, for a chunk whose header says
     * it is being updated (file state 255) or unfinished (any other non-zero state), and for one with no metadata
     * offset, as a live repository file would eventually get them; in a copied file they never come.
     */
    private static String unusable(ChunkHeader h, byte[] head, byte[] state) {
        int fileState = state[0] & 0xff;
        if (fileState != 0) {
            return "is not finished (file state " + fileState + "): the file was copied while JFR was writing it,"
                    + " or is corrupt";
        }
        long metadata = java.nio.ByteBuffer.wrap(head).getLong(24);
        if (metadata < ChunkHeader.LENGTH + 4 || metadata >= h.size()) {
            return "has no metadata within it (its header points to byte " + metadata + " of " + h.size() + ")";
        }
        return null;
    }

    private Layout truncated(List<ChunkHeader> chunks, long offset, long declared, long available, String what)
            throws ArtifactException {
        String sizes = declared + " bytes but only " + available + " are available";
        if (chunks.isEmpty()) {
            throw ArtifactException.atByte(name, offset, "a complete first " + what + " expected: it declares " + sizes);
        }
        String detail = what + " " + (chunks.size() + 1) + " declares " + sizes;
        diagnostics.warn("truncated-chunk", "byte " + offset, detail + " (file cut while being written?); the "
                + chunks.size() + " complete chunk(s) before it are kept");
        return layout(chunks, offset, position);
    }

    private Layout layout(List<ChunkHeader> chunks, long validEnd, long total) {
        progress.bytes(total, total);
        return new Layout(chunks, validEnd, total);
    }

    /** Skips up to {@code n} bytes and returns how many were there. */
    private long skip(InputStream in, long n) throws IOException {
        long done = 0;
        while (done < n) {
            long s = in.skip(n - done);
            if (s <= 0) {
                if (in.read() < 0) {
                    break;
                }
                s = 1;
            }
            done += s;
            position += s;
            if (position - lastReport >= (1 << 20)) {
                lastReport = position;
                progress.bytes(position, totalHint);
            }
        }
        return done;
    }

    private void drain(InputStream in) throws IOException {
        skip(in, Long.MAX_VALUE);
    }
}
