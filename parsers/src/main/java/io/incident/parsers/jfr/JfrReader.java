package io.incident.parsers.jfr;

import io.incident.model.ClockKind;
import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Head;
import io.incident.parsers.ReadContext;
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordingFile;

/**
 * JDK Flight Recorder recordings, plain or gzip-wrapped, read with the JDK's own {@code jdk.jfr.consumer} API. The
 * recording is cut into its self-contained chunks, which are reduced in parallel (one chunk per worker, as many
 * workers as cores) and merged in order, so a long multi-chunk recording imports faster than a single
 * {@link RecordingFile} loop could read it. A truncated last chunk is dropped with a diagnostic; formats the JDK cannot
 * read (0.9 of JDK 7/8 and JRockit) are refused with their version named.
 */
public final class JfrReader implements FormatReader {
    private static final int CHECK_EVERY = 4096;

    @Override
    public SourceKind kind() {
        return SourceKind.JFR;
    }

    @Override
    public boolean recognizes(Head head) {
        return head.startsWith((byte) 'F', (byte) 'L', (byte) 'R', (byte) 0);
    }

    /** What one chunk gave: its model, its counts, and the failure that ended it early, if any. */
    private record ChunkResult(Source model, Map<String, Long> counts, long events, Exception failure) {
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
            List<ChunkResult> results = readChunks(ctx, rec);
            Exception firstFailure = null;
            for (int i = 0; i < results.size(); i++) {
                ChunkResult r = results.get(i);
                merger.append(r.model());
                r.counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
                events += r.events();
                if (jvmVersion == null) {
                    jvmVersion = (String) r.model().summary().get("jvmVersion");
                }
                if (r.failure() != null) {
                    firstFailure = firstFailure == null ? r.failure() : firstFailure;
                    b.diagnostics().error("unreadable-chunk", "byte " + chunks.get(i).offset(), "chunk " + (i + 1)
                            + " (format " + chunks.get(i).version() + ") stopped after " + r.events()
                            + " events: " + r.failure());
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
        } catch (RuntimeException e) {
            if (e instanceof CancellationException c) {
                throw c;
            }
            throw new ArtifactException(ctx.name(), "", "a JFR recording the model can hold expected: " + e, e);
        }
    }

    private static List<ChunkResult> readChunks(ReadContext ctx, PreparedRecording rec) throws ArtifactException {
        int n = rec.chunks().size();
        AtomicLong done = new AtomicLong();
        long total = rec.layout().validEnd();
        int workers = Math.min(n, Runtime.getRuntime().availableProcessors());
        List<ChunkResult> out = new ArrayList<>(n);
        if (workers <= 1) {
            for (int i = 0; i < n; i++) {
                out.add(readChunk(ctx, rec, i, done, total));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "jfr-chunk-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ChunkResult>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int chunk = i;
                futures.add(pool.submit(() -> readChunk(ctx, rec, chunk, done, total)));
            }
            for (Future<ChunkResult> f : futures) {
                out.add(f.get());
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

    private static ChunkResult readChunk(ReadContext ctx, PreparedRecording rec, int index, AtomicLong done,
                                         long total) throws ArtifactException {
        ChunkHeader h = rec.chunks().get(index);
        ChunkReducer reducer = new ChunkReducer(ctx.info(), "chunk " + (index + 1) + " at byte " + h.offset(),
                ctx.limits().maxStackDepth());
        Exception failure = null;
        Path file;
        try {
            file = rec.chunkFile(index);
        } catch (IOException e) {
            throw new ArtifactException(ctx.name(), "byte " + h.offset(), "chunk copy to a temp file: " + e, e);
        }
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                reducer.accept(rf.readEvent());
                if (reducer.events() % CHECK_EVERY == 0) {
                    ctx.cancellation().check();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CancellationException c) {
                throw c;
            }
            failure = e;
        } finally {
            rec.release(file);
        }
        ctx.progress().bytes(done.addAndGet(h.size()), total);
        return new ChunkResult(reducer.finish(), reducer.typeCounts(), reducer.events(), failure);
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
