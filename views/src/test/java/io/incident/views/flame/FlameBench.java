package io.incident.views.flame;

import io.incident.model.ClockKind;
import io.incident.model.SampleTrack;
import io.incident.model.SampleType;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.model.StackTable;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.IntUnaryOperator;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import java.util.List;
import java.util.Random;

/**
 * Times the flame pipeline on a generated profile of 1M samples over 200k call sites and prints the figures: tree
 * build, layout, search, sandwich, exports, and the canvas redraw under headless JavaFX. A bench, not a test: the
 * command is in docs/benchmarks.md ({@code FlameBench [samples] [callsites]}).
 */
public final class FlameBench {
    private static final int ROUNDS = 7;

    private FlameBench() {
    }

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int sites = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        long t0 = System.nanoTime();
        Source source = generate(samples, sites, new Random(42));
        SampleTrack track = (SampleTrack) source.tracks().get(0);
        System.out.printf("generated %,d samples over %,d call sites in %.0f ms%n", track.size(),
                source.stacks().callsiteCount(), (System.nanoTime() - t0) / 1e6);
        FlameTree[] tree = new FlameTree[1];
        report("build tree", () -> tree[0] = FlameTreeBuilder.build(source, track, 1, FlameFilter.ALL));
        FlameTree t = tree[0];
        System.out.printf("tree: %,d nodes, depth %d, total %,d%n", t.size(), t.maxDepth(), t.total());
        FlameLayout[] layout = new FlameLayout[1];
        report("layout 1920 px", () -> layout[0] = FlameLayout.compute(t, FlameTree.ROOT, 1920, 1.0));
        System.out.printf("  %,d rectangles drawn%n", layout[0].count());
        int zoom = widestAtDepth(t, 3);
        report("layout after zoom (depth 3)", () -> layout[0] = FlameLayout.compute(t, zoom, 1920, 1.0));
        System.out.printf("  %,d rectangles drawn%n", layout[0].count());
        report("search 'fn_12'", () -> FlameSearch.of(t, "fn_12", FlameTree.ROOT));
        report("sandwich fn_7", () -> FlameSandwich.of(t, "pkg3.fn_7"));
        report("folded export", () -> FoldedStacks.toString(t, FlameTree.ROOT));
        FlameLayout full = FlameLayout.compute(t, FlameTree.ROOT, 1920, 1.0);
        report("svg export", () -> FlameSvg.render(full, "bench", false, n -> FlamePalette.warm(t.name(n)),
                n -> t.name(n)));
        redraw(t, zoom);
    }

    /**
     * The canvas itself under headless JavaFX (Monocle, software pipeline): "redraw" is what a click or a resize costs
     * on the JavaFX thread (layout plus the drawing commands), "render" adds rasterising the scene to pixels.
     */
    private static void redraw(FlameTree t, int zoom) {
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Monocle"));
        System.setProperty("monocle.platform", System.getProperty("monocle.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        try {
            started.await();
            onFx(() -> {
                FlameCanvas canvas = new FlameCanvas();
                Scene scene = new Scene(new StackPane(canvas), 1920, 1000);
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                IntUnaryOperator fill = n -> FlamePalette.warm(t.name(n));
                report("redraw 1920x1000", () -> canvas.show(t, FlameTree.ROOT, false, fill, null));
                report("redraw after zoom (depth 3)", () -> canvas.show(t, zoom, false, fill, null));
                report("redraw + render 1920x1000", () -> {
                    canvas.show(t, FlameTree.ROOT, false, fill, null);
                    scene.snapshot(null);
                });
            });
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("JavaFX redraw bench failed", e);
        } finally {
            Platform.exit();
        }
    }

    private static void onFx(Runnable work) throws InterruptedException, ExecutionException {
        FutureTask<Void> task = new FutureTask<>(work, null);
        Platform.runLater(task);
        task.get();
    }

    private static void report(String what, Runnable task) {
        long[] ms = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            task.run();
            ms[i] = System.nanoTime() - start;
        }
        long first = ms[0];
        Arrays.sort(ms);
        System.out.printf("%-30s first %8.2f ms, median %8.2f ms, best %8.2f ms%n", what, first / 1e6,
                ms[ROUNDS / 2] / 1e6, ms[0] / 1e6);
    }

    private static int widestAtDepth(FlameTree t, int depth) {
        int best = 0;
        for (int n = 0; n < t.size(); n++) {
            if (t.depth(n) == depth && t.total(n) > t.total(best) || t.depth(best) != depth && t.depth(n) == depth) {
                best = n;
            }
        }
        return best;
    }

    /** A call-site tree where a new site hangs under a recent one (so stacks get deep) or a shallow one. */
    static Source generate(int samples, int sites, Random r) {
        Source.Builder b = Source.builder(new SourceInfo("bench", SourceKind.PPROF, 0, null), ClockKind.RELATIVE);
        StackTable st = b.stacks();
        int file = b.intern("bench.go");
        int[] frames = new int[4000];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = st.frame(b.intern("pkg" + (i % 40) + ".fn_" + i), file, 1 + i % 7);
        }
        int[] created = new int[sites];
        int count = 0;
        while (st.callsiteCount() < sites) {
            int parent = count == 0 || r.nextInt(10) == 0 ? 0 : created[count - 1 - r.nextInt(Math.min(count, 50))];
            if (st.depth(parent) > 60) {
                parent = 0;
            }
            int frame = frames[(int) Math.min(frames.length - 1, Math.abs(r.nextGaussian()) * 600)];
            int before = st.callsiteCount();
            int site = st.callsite(parent, frame);
            if (st.callsiteCount() > before) {
                created[count++] = site;
            }
        }
        SampleTrack.Builder track = SampleTrack.builder("cpu", "profile",
                List.of(new SampleType("samples", "count"), new SampleType("cpu", "nanoseconds")), 1);
        int thread = b.intern("main");
        for (int i = 0; i < samples; i++) {
            int leaf = created[r.nextInt(count)];
            track.add(SampleTrack.UNTIMED, thread, leaf, 1, 10_000_000L);
        }
        return b.track(track.build()).build();
    }
}
