package io.incident.parsers.jfr;

import io.incident.model.ClockKind;
import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Head;
import io.incident.parsers.ReadContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordingFile;

/**
 * JDK Flight Recorder recordings, plain or gzip-wrapped. The recording is cut into runs of its self-contained chunks,
 * which are reduced in parallel (one run per core) and merged in order; events are reduced to columns as they stream,
 * never kept as objects. Format 2.x chunks are read by our own {@link DirectChunkParser}, a chunk at a time; a run
 * it cannot read exactly as the JDK would (format 1.x of JDK 9, a broken chunk, a layout it does not know) is read
 * again with the JDK's {@code jdk.jfr.consumer} API, with an info diagnostic naming why. A truncated last chunk is
 * dropped with a diagnostic; formats the JDK cannot read (0.9 of JDK 7/8 and JRockit) are refused with their version
 * named.
 */
public final class JfrReader implements FormatReader {
    private static final int CHECK_EVERY = DirectChunkParser.CHECK_EVERY;
    /** Chunks up to this size are read into a worker's array; bigger ones are mapped. JFR's default chunk is 12 MB. */
    private static final long MAX_COPIED_CHUNK = 64L << 20;
    private static final int READ_PIECE = 1 << 20;
    /** Set to false to read every chunk with the JDK's API, as before the direct parser (and to compare the two). */
    static final String DIRECT_PROPERTY = "incident.jfr.direct";
    private final boolean direct;

    public JfrReader() {
        this(!"false".equals(System.getProperty(DIRECT_PROPERTY)));
    }

    /** @param direct whether chunks go to the direct parser first, or straight to the JDK's API */
    JfrReader(boolean direct) {
        this.direct = direct;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.JFR;
    }

    @Override
    public boolean recognizes(Head head) {
        return head.startsWith((byte) 'F', (byte) 'L', (byte) 'R', (byte) 0);
    }

    /** Consecutive chunks {@code [first, last]} read by one worker with one {@link RecordingFile}. */
    record Part(int first, int last) {
    }

    /**
     * What one part gave: its model, its counts, the failure that ended it early, if any, and why the direct parser
     * left it to the JDK's API, if it did.
     */
    private record PartResult(Part part, ChunkReducer.ChunkModel model, Map<String, Long> counts, long events,
                              Throwable failure, String slowPath) {
        PartResult withSlowPath(String why) {
            return new PartResult(part, model, counts, events, failure, why);
        }
    }

    @Override
    public Source read(ReadContext ctx) throws ArtifactException {
        Source.Builder b = Source.builder(ctx.info(), ClockKind.ABSOLUTE_UTC);
        try (PreparedRecording rec = PreparedRecording.prepare(ctx, b.diagnostics())) {
            ChunkMerger merger = new ChunkMerger(b);
            Map<String, Long> counts = new LinkedHashMap<>();
            long events = 0;
            String jvmVersion = null;
            List<ChunkHeader> chunks = rec.chunks();
            Throwable firstFailure = null;
            for (PartResult r : readParts(ctx, rec, parts(chunks, workers(chunks.size())), direct)) {
                merger.append(r.model());
                r.counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
                events += r.events();
                jvmVersion = jvmVersion != null ? jvmVersion : r.model().jvmVersion();
                if (r.slowPath() != null) {
                    b.diagnostics().info("jfr-api-path", "byte " + chunks.get(r.part().first()).offset(),
                            "chunks " + (r.part().first() + 1) + ".." + (r.part().last() + 1)
                                    + " read with the JDK's jdk.jfr.consumer API, slower: " + r.slowPath());
                }
                if (r.failure() != null) {
                    firstFailure = firstFailure == null ? r.failure() : firstFailure;
                    ChunkHeader h = chunks.get(r.part().first());
                    b.diagnostics().error("unreadable-chunk", "byte " + h.offset(), "chunks " + (r.part().first() + 1)
                            + ".." + (r.part().last() + 1) + " (format " + h.version() + ") stopped after "
                            + r.events() + " events: " + r.failure());
                }
            }
            if (events == 0 && firstFailure != null) {
                throw new ArtifactException(ctx.name(), "byte " + chunks.get(0).offset(),
                        "a chunk the JDK API can read expected: " + firstFailure, firstFailure);
            }
            merger.finish();
            b.summary("events", events);
            b.summary("eventTypes", sortedByCount(counts));
            b.summary("chunks", chunks.size());
            b.summary("jvmVersion", jvmVersion);
            return b.build();
        } catch (RuntimeException | InternalError e) {
            // The JDK's JFR parser reports corrupt constant pools and metadata with InternalError.
            if (e instanceof CancellationException c) {
                throw c;
            }
            throw new ArtifactException(ctx.name(), "", "a JFR recording the model can hold expected: " + e, e);
        }
    }

    private static int workers(int chunks) {
        return Math.max(1, Math.min(chunks, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Splits the chunks into about {@code workers} runs of similar size: one {@link RecordingFile} per run keeps the
     * JDK's per-file setup (metadata, parsers) to a few times, not once per chunk. A format 1.x chunk always gets a run
     * of its own: read in one file with the chunks after it, the JDK 17 API drops some of their events (a JDK 9
     * two-chunk recording of the corpus loses 826 of 5149), while chunk by chunk it yields what jfr summary counts.
     */
    static List<Part> parts(List<ChunkHeader> chunks, int workers) {
        long total = 0;
        for (ChunkHeader h : chunks) {
            total += h.size();
        }
        long target = Math.max(1, (total + workers - 1) / workers);
        List<Part> out = new ArrayList<>();
        int first = 0;
        long bytes = 0;
        for (int i = 0; i < chunks.size(); i++) {
            bytes += chunks.get(i).size();
            boolean last = i == chunks.size() - 1;
            boolean alone = chunks.get(i).major() < 2 || (!last && chunks.get(i + 1).major() < 2);
            boolean everyOtherWorkerStillNeedsOne = chunks.size() - i - 1 < workers - out.size();
            if (last || alone || bytes >= target || everyOtherWorkerStillNeedsOne) {
                out.add(new Part(first, i));
                first = i + 1;
                bytes = 0;
            }
        }
        return out;
    }

    private static List<PartResult> readParts(ReadContext ctx, PreparedRecording rec, List<Part> parts,
                                              boolean direct) throws ArtifactException {
        int workers = Math.min(parts.size(), workers(parts.size()));
        List<PartResult> out = new ArrayList<>(parts.size());
        if (workers <= 1) {
            for (Part p : parts) {
                out.add(reported(ctx, rec, readPart(ctx, rec, p, direct)));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "jfr-chunk-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PartResult>> futures = new ArrayList<>(parts.size());
            for (Part p : parts) {
                futures.add(pool.submit(() -> readPart(ctx, rec, p, direct)));
            }
            for (Future<PartResult> f : futures) {
                out.add(reported(ctx, rec, f.get()));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while reading chunks");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException c) {
                throw c;
            }
            if (e.getCause() instanceof ArtifactException a) {
                throw a;
            }
            throw new ArtifactException(ctx.name(), "", "readable chunks expected: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Progress goes out from the calling thread only, as parts complete in order. */
    private static PartResult reported(ReadContext ctx, PreparedRecording rec, PartResult r) {
        ChunkHeader last = rec.chunks().get(r.part().last());
        ctx.progress().bytes(last.end(), rec.layout().validEnd());
        return r;
    }

    private static PartResult readPart(ReadContext ctx, PreparedRecording rec, Part part, boolean direct)
            throws ArtifactException {
        ctx.cancellation().check();
        if (!direct) {
            return apiPart(ctx, rec, part);
        }
        try {
            return directPart(ctx, rec, part);
        } catch (DirectUnsupported | IOException e) {
            return apiPart(ctx, rec, part).withSlowPath(e.getMessage());
        }
    }

    /**
     * The fast way: our own parser reads the part's chunks one at a time, each read into the worker's array (or mapped,
     * when bigger than {@link #MAX_COPIED_CHUNK}); it throws {@link DirectUnsupported} for anything it cannot decode as
     * the JDK would, before the part's model is used.
     */
    private static PartResult directPart(ReadContext ctx, PreparedRecording rec, Part part) throws IOException {
        ChunkReducer reducer = reducer(ctx, rec.chunks().get(part.first()), part);
        try (FileChannel ch = FileChannel.open(rec.plainFile(), StandardOpenOption.READ)) {
            DirectChunkParser.TimeBase time = null;
            DirectChunkParser.MetadataCache metadata = new DirectChunkParser.MetadataCache();
            List<ChunkHeader> chunks = rec.chunks().subList(part.first(), part.last() + 1);
            // One array for the part's chunks, as big as the biggest that is copied rather than mapped.
            long biggest = chunks.stream().mapToLong(ChunkHeader::size).filter(n -> n <= MAX_COPIED_CHUNK).max()
                    .orElse(0);
            byte[] copy = new byte[(int) biggest];
            for (ChunkHeader h : chunks) {
                if (h.major() != 2) {
                    throw new DirectUnsupported("format " + h.version());
                }
                if (h.size() > Integer.MAX_VALUE) {
                    throw new DirectUnsupported("chunk of " + h.size() + " bytes");
                }
                ByteBuffer chunk;
                if (h.size() <= MAX_COPIED_CHUNK) {
                    // Read into the worker's own array: the parser's millions of one-byte reads cost less on a heap
                    // buffer than through a mapping's access checks, and the array is reused for every chunk.
                    chunk = ByteBuffer.wrap(copy, 0, (int) h.size());
                    readFully(ch, chunk, h.offset());
                    chunk.rewind();
                } else {
                    chunk = ch.map(FileChannel.MapMode.READ_ONLY, h.offset(), h.size());
                }
                try {
                    DirectChunkParser p = new DirectChunkParser(chunk, (int) h.size(), time, metadata);
                    p.read(reducer, ctx.cancellation());
                    time = p.timeBase();
                } catch (DirectUnsupported e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (e instanceof CancellationException c) {
                        throw c;
                    }
                    throw new DirectUnsupported("chunk at byte " + h.offset() + ": " + e);
                }
            }
        }
        return new PartResult(part, reducer.finish(), reducer.typeCounts(), reducer.events(), null, null);
    }

    /**
     * Fills {@code into} from the file at {@code offset}, a piece at a time: the channel copies a read into a heap
     * buffer through a native buffer as big as the read, which for whole chunks would be fresh memory per worker.
     */
    private static void readFully(FileChannel ch, ByteBuffer into, long offset) throws IOException {
        long at = offset;
        int end = into.limit();
        while (into.position() < end) {
            into.limit(Math.min(end, into.position() + READ_PIECE));
            int n = ch.read(into, at);
            if (n < 0) {
                throw new java.io.EOFException("chunk at byte " + offset + " ends at byte " + at);
            }
            at += n;
        }
        into.limit(end);
    }

    /** The JDK's API, on a file of the part's chunks: the path for what the direct parser does not take. */
    private static PartResult apiPart(ReadContext ctx, PreparedRecording rec, Part part) throws ArtifactException {
        ChunkHeader first = rec.chunks().get(part.first());
        Path file;
        try {
            file = rec.chunkFile(part.first(), part.last());
        } catch (IOException e) {
            throw new ArtifactException(ctx.name(), "byte " + first.offset(), "chunk copy to a temp file: " + e, e);
        }
        try {
            PartResult fast = streamPart(ctx, rec, part, file);
            return fast != null ? fast : strictPart(ctx, rec, part, file);
        } finally {
            rec.release(file);
        }
    }

    private static ChunkReducer reducer(ReadContext ctx, ChunkHeader first, Part part) {
        return new ChunkReducer(ctx.info(), "chunks " + (part.first() + 1) + ".." + (part.last() + 1) + " from byte "
                + first.offset(), ctx.limits().maxStackDepth());
    }

    /**
     * The fast way, for format 2.x: the JDK's {@link EventStream} reusing one event object and not sorting, which costs
     * far less per event than {@link RecordingFile}. The stream ends quietly on a broken record, so its event count is
     * checked against a walk of the records' sizes; on any difference (or for 1.x chunks) this returns null and the
     * part is read again the strict way, which reports the break and keeps what came before it.
     */
    private static PartResult streamPart(ReadContext ctx, PreparedRecording rec, Part part, Path file) {
        List<ChunkHeader> chunks = rec.chunks().subList(part.first(), part.last() + 1);
        ChunkHeader first = chunks.get(0);
        long expected;
        try {
            expected = RecordWalker.countEvents(file, chunks); // chunkFile starts with the part's first chunk
        } catch (IOException e) {
            return null;
        }
        if (expected < 0) {
            return null;
        }
        ChunkReducer reducer = reducer(ctx, first, part);
        RuntimeException[] stopped = new RuntimeException[1];
        try (EventStream es = EventStream.openFile(file)) {
            es.setReuse(true);
            es.setOrdered(false);
            es.onEvent(e -> {
                if (stopped[0] != null) {
                    return;
                }
                try {
                    reducer.accept(e);
                    if (reducer.events() % CHECK_EVERY == 0) {
                        ctx.cancellation().check();
                    }
                } catch (RuntimeException ex) {
                    // The stream would swallow it; stop and rethrow on this side.
                    stopped[0] = ex;
                    es.close();
                }
            });
            es.start();
        } catch (IOException | RuntimeException | InternalError e) {
            if (e instanceof CancellationException c) {
                throw c;
            }
            return null;
        }
        if (stopped[0] instanceof CancellationException c) {
            throw c;
        }
        if (stopped[0] != null || reducer.events() != expected) {
            return null;
        }
        return new PartResult(part, reducer.finish(), reducer.typeCounts(), reducer.events(), null, null);
    }

    /** The strict way: {@link RecordingFile} throws at a broken record; the events before it are kept. */
    private static PartResult strictPart(ReadContext ctx, PreparedRecording rec, Part part, Path file) {
        ChunkReducer reducer = reducer(ctx, rec.chunks().get(part.first()), part);
        Throwable failure = null;
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                reducer.accept(rf.readEvent());
                if (reducer.events() % CHECK_EVERY == 0) {
                    ctx.cancellation().check();
                }
            }
        } catch (IOException | RuntimeException | InternalError e) {
            if (e instanceof CancellationException c) {
                throw c;
            }
            failure = e;
        }
        return new PartResult(part, reducer.finish(), reducer.typeCounts(), reducer.events(), failure, null);
    }

    /** Event counts, most frequent first (as {@code jfr summary} lists them), then by name. */
    private static Map<String, Long> sortedByCount(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
