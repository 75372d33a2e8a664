package io.incident.parsers.strace;

import io.incident.parsers.Cancellation;
import io.incident.parsers.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;

/**
 * Reads, splits and parses lines on a second thread while the calling thread assembles them, so a large file's two
 * halves of the work overlap on two cores. Parsing a line needs nothing but its bytes, so the reading thread never
 * looks at assembly state; lines reach the caller in file order, in recycled {@link LineBatch}es through a bounded
 * queue. Progress and cancellation are handled on the calling thread as each batch arrives; anything that stops the
 * reading thread travels after the lines read before it and is thrown on the calling thread once those lines are
 * assembled, so errors name the same line or byte as a read on one thread. {@link #close()} stops the reading thread
 * and waits for it.
 */
final class LinePipeline implements AutoCloseable {
    /** Receives each line on the calling thread; {@code parsed} is the line already parsed, or null. */
    interface Sink {
        void line(byte[] buf, int start, int end, boolean cut, boolean terminated, StraceLine parsed);
    }

    static final int BATCH_LINES = 8192;
    static final int BATCH_BYTES = 1 << 20;
    /** Batches in flight: enough for the reader to run ahead over a slow stretch, few enough to stay in cache. */
    private static final int BATCHES = 4;
    private static final int PROGRESS_STEP = 1 << 20;

    private final LineScanner scanner;
    private final long total;
    private final Progress progress;
    private final Cancellation cancellation;
    private final int batchLines;
    private final int batchBytes;
    private final BlockingQueue<LineBatch> filled = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<LineBatch> free = new ArrayBlockingQueue<>(BATCHES);
    private final Thread worker;
    /** Carries a failure that leaves the reading thread without a batch of its own; never recycled. */
    private final LineBatch spare = new LineBatch(1, 1);
    /** Touched only by the reading thread: its text table, how many batches it has made, the batch it fills. */
    private final LocalTexts texts = new LocalTexts();
    private int created;
    private LineBatch filling;
    /** Input consumed as of the last batch taken (the calling thread's view). */
    private long consumed;

    LinePipeline(InputStream in, int maxLine, long total, Progress progress, Cancellation cancellation, String name,
            int batchLines, int batchBytes) {
        // Progress is reported from the calling thread; the reading thread only polls the (thread-safe) cancellation.
        this.scanner = new LineScanner(in, maxLine, total, Progress.NONE, cancellation);
        this.total = total;
        this.progress = progress;
        this.cancellation = cancellation;
        this.batchLines = batchLines;
        this.batchBytes = batchBytes;
        this.worker = new Thread(this::produce, "strace lines " + name);
        worker.setDaemon(true);
    }

    long consumed() {
        return consumed;
    }

    /** Runs the read: every line to {@code sink} in file order, on the calling thread. */
    void run(Sink sink) throws IOException {
        worker.start();
        long nextProgress = PROGRESS_STEP;
        while (true) {
            LineBatch b = take();
            cancellation.check();
            for (int i = 0; i < b.lines; i++) {
                byte f = b.flags[i];
                sink.line(b.bytes, b.starts[i], b.ends[i], (f & LineBatch.CUT) != 0, (f & LineBatch.TERMINATED) != 0,
                        (f & LineBatch.PARSED) != 0 ? b.parsed[i] : null);
            }
            consumed = b.consumed;
            if (b.failure != null) {
                throw rethrow(b.failure);
            }
            if (b.last) {
                progress.bytes(consumed, total);
                return;
            }
            if (consumed >= nextProgress) {
                progress.bytes(consumed, total);
                nextProgress = consumed + PROGRESS_STEP;
            }
            free.add(b);
        }
    }

    private LineBatch take() {
        try {
            return filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("import interrupted");
        }
    }

    private static IOException rethrow(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /**
     * The reading thread: scan, copy and parse into batches until the input ends, fails or the caller stops us. Every
     * way out but the caller's stop hands over one last batch (the end or the failure), so the caller never waits for a
     * batch that will not come.
     */
    private void produce() {
        try {
            try {
                filling = nextFree();
                scanner.run(this::add);
                filling.last = true;
                hand(filling);
            } catch (InterruptedException stopped) {
                // Not a failure to report: close() wants the thread gone.
                throw stopped;
            } catch (Throwable t) {
                // Without a batch in hand (it could not be made) the spare, made up front, carries the failure.
                LineBatch b = filling != null ? filling : spare;
                b.failure = t;
                hand(b);
            }
        } catch (InterruptedException stopped) {
            // close() interrupts: the caller has stopped reading, so nothing more is wanted.
        }
    }

    private void add(byte[] b, int s, int e, boolean cut, boolean terminated) {
        if (!filling.add(b, s, e, cut, terminated, texts)) {
            LineBatch full = filling;
            filling = null;
            try {
                hand(full);
                filling = nextFree();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                throw new CancellationException("stopped by the assembling thread");
            }
            filling.add(b, s, e, cut, terminated, texts);
        }
    }

    private void hand(LineBatch b) throws InterruptedException {
        b.consumed = scanner.consumed();
        filled.put(b);
    }

    private LineBatch nextFree() throws InterruptedException {
        LineBatch b = free.poll();
        if (b == null) {
            if (created < BATCHES) {
                created++;
                return new LineBatch(batchLines, batchBytes);
            }
            b = free.take();
        }
        b.clear();
        return b;
    }

    /** Stops the reading thread if it still runs and waits until it has ended. */
    @Override
    public void close() {
        worker.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
