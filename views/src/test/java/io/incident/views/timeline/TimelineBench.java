package io.incident.views.timeline;

import io.incident.model.Clock;
import io.incident.model.ClockKind;
import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Renders frames of a generated 10M-event case (50 lanes in 5 sources: instants, nested spans, counters over one
 * hour) offscreen under headless JavaFX (Monocle, software pipeline) while panning and zooming from the whole hour
 * down to milliseconds, and prints p50/p99 frame times and the first frame of the freshly opened case. Two figures
 * per frame: the JavaFX-thread work (drawing commands) and that plus rendering the window to pixels. A bench, not a
 * test: {@code java ... io.incident.views.timeline.TimelineBench [events] [frames]}. The level-of-detail summaries
 * are built with the tracks, as a reader builds them at import, so they are part of the generation, not of the first
 * frame.
 */
public final class TimelineBench {
    private static final long HOUR = 3_600_000_000_000L;
    private static final long T0 = 1_795_385_311_000_000_000L;

    private TimelineBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("headless.geometry", "1600x1000-32");
        long g0 = System.nanoTime();
        List<Lane> lanes = generate(events, new Random(42));
        long total = lanes.stream().mapToLong(l -> l.track().size()).sum();
        System.out.printf("generated %,d events in %d lanes (%.1f s)%n", total, lanes.size(), (System.nanoTime() - g0) / 1e9);

        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        TimelineView view = fx(() -> {
            TimelineView v = new TimelineView();
            Stage stage = new Stage();
            stage.setScene(new Scene(v, 1600, 1000));
            stage.show();
            return v;
        });
        long[] first = fx(() -> {
            long t = System.nanoTime();
            view.getLanes().setAll(lanes);
            for (int s = 0; s < 5; s++) {
                view.toggleCollapsed("bench source-" + s);
            }
            view.fit();
            long drawn = System.nanoTime();
            view.getScene().snapshot(null);
            return new long[] {drawn - t, System.nanoTime() - t};
        });
        System.out.printf("first frame of the opened case: %.1f ms to lay out and draw; %.1f ms with the"
                + " first render to pixels (cold JavaFX pipeline)%n", first[0] / 1e6, first[1] / 1e6);

        long[] draw = new long[frames];
        long[] render = new long[frames];
        Random r = new Random(7);
        for (int i = 0; i < frames; i++) {
            int frame = i;
            long[] times = fx(() -> {
                step(view, frame, r);
                long a = System.nanoTime();
                view.draw();
                long b = System.nanoTime();
                view.getScene().snapshot(null);
                return new long[] {b - a, System.nanoTime() - a};
            });
            draw[i] = times[0];
            render[i] = times[1];
        }
        print("draw (JavaFX thread, drawing commands)", draw);
        print("draw + render to pixels (1600x1000)", render);
        Platform.exit();
    }

    /** Pan and zoom like an analyst: a zoom in towards milliseconds, pans at each depth, and out again. */
    private static void step(TimelineView v, int frame, Random r) {
        int phase = frame % 100;
        double x = TimelineView.HEADER_WIDTH + 50 + r.nextDouble() * 1200;
        if (phase < 40) {
            v.zoom(0.75, x);
        } else if (phase < 60) {
            v.pan(r.nextBoolean() ? 0.05 : -0.05);
        } else {
            v.zoom(1 / 0.75, x);
        }
    }

    private static void print(String what, long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        System.out.printf("%-42s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%d frames)%n", what,
                s[s.length / 2] / 1e6, s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] / 1e6,
                s[s.length - 1] / 1e6, s.length);
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }

    /** 5 sources of 10 lanes: 4 instant lanes, 4 span lanes (every tenth span holds the next two), 2 counters. */
    static List<Lane> generate(long events, Random rnd) {
        List<Lane> lanes = new ArrayList<>();
        long perLane = events / 50;
        for (int s = 0; s < 5; s++) {
            Source.Builder b = Source.builder(new SourceInfo("source-" + s, SourceKind.STRACE, 0, ""), ClockKind.ABSOLUTE_UTC);
            int[] labels = new int[16];
            for (int k = 0; k < labels.length; k++) {
                labels[k] = b.intern("call" + k);
            }
            for (int t = 0; t < 10; t++) {
                b.track(t < 4 ? instants(t, perLane, labels, rnd) : t < 8 ? spans(t, perLane, labels, rnd)
                        : counter(t, perLane, rnd));
            }
            Source src = b.build();
            for (int t = 0; t < src.tracks().size(); t++) {
                Track track = src.tracks().get(t);
                lanes.add(new Lane(s, t, src, track, Clock.of(ClockKind.ABSOLUTE_UTC), "bench source-" + s));
            }
        }
        return lanes;
    }

    private static InstantTrack instants(int t, long n, int[] labels, Random rnd) {
        InstantTrack.Builder b = InstantTrack.builder("instants " + t, "bench");
        long step = HOUR / n;
        for (long i = 0; i < n; i++) {
            b.add(T0 + i * step + rnd.nextInt((int) Math.max(1, step)), labels[rnd.nextInt(labels.length)], 0);
        }
        return b.build();
    }

    private static SpanTrack spans(int t, long n, int[] labels, Random rnd) {
        SpanTrack.Builder b = SpanTrack.builder("spans " + t, "bench");
        long step = HOUR / n;
        for (long i = 0; i < n; i++) {
            long start = T0 + i * step;
            long len = i % 10 == 0 ? step * 3 - 1 : 1 + rnd.nextInt((int) Math.max(1, step - 1));
            b.add(start, start + len, labels[rnd.nextInt(labels.length)], 0);
        }
        return b.build();
    }

    private static CounterTrack counter(int t, long n, Random rnd) {
        CounterTrack.Builder b = CounterTrack.builder("counter " + t, "bench", "items");
        long step = HOUR / n;
        double v = 100;
        for (long i = 0; i < n; i++) {
            v = Math.max(0, v + rnd.nextGaussian() * 3);
            b.add(T0 + i * step, v);
        }
        return b.build();
    }
}
