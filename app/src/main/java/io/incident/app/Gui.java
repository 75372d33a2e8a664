package io.incident.app;

import io.incident.app.ingest.ArtifactScanner;
import io.incident.app.ingest.Candidate;
import io.incident.app.session.CaseSession;
import io.incident.app.store.CaseException;
import io.incident.app.ui.MainWindow;
import io.incident.app.ui.Tasks;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Progress;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/** Starts the JavaFX toolkit for the window, or headless for {@code --snapshot}. */
public final class Gui {
    private Gui() {
    }

    /** Runs {@code work} on the JavaFX thread and waits for its result. */
    static <T> T fx(java.util.concurrent.Callable<T> work) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(work.call());
            } catch (Exception | Error e) {
                result.set(new IllegalStateException("snapshot failed: " + e, e));
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (result.get() instanceof IllegalStateException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T t = (T) result.get();
        return t;
    }

    /** Where cases opened from loose files live: {@code ~/.incident-workbench/cases}, or -Dworkbench.cases. */
    public static Path casesDir() {
        String p = System.getProperty("workbench.cases");
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".incident-workbench", "cases");
    }

    /** The case for a command line: a named .incident file, or a case named after the first input. */
    static Path caseFor(List<String> args) {
        if (args.size() == 1 && args.get(0).endsWith(".incident")) {
            return Path.of(args.get(0));
        }
        String name = "untitled";
        if (!args.isEmpty()) {
            Path first = Path.of(args.get(0)).toAbsolutePath().normalize();
            name = first.getFileName() == null ? "untitled" : first.getFileName().toString().replaceAll("\\.[^.]*$", "");
        }
        return casesDir().resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".incident");
    }

    static List<Path> inputsOf(List<String> args) {
        List<Path> out = new ArrayList<>();
        for (String a : args) {
            if (!a.endsWith(".incident")) {
                out.add(Path.of(a));
            }
        }
        return out;
    }

    public static int open(List<String> args) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.setImplicitExit(true);
        Platform.startup(() -> openWindow(caseFor(args), inputsOf(args), closed));
        closed.await();
        Platform.exit();
        return 0;
    }

    private static void openWindow(Path caseFile, List<Path> inputs, CountDownLatch closed) {
        Stage stage = new Stage();
        AtomicReference<MainWindow> ref = new AtomicReference<>();
        MainWindow w = new MainWindow(stage, other -> reopen(ref, other));
        ref.set(w);
        w.restoreState();
        stage.setOnHidden(e -> {
            MainWindow cur = ref.get();
            cur.saveState();
            Tasks.drainWrites();
            if (cur.session() != null) {
                cur.session().close();
            }
            closed.countDown();
        });
        stage.show();
        load(w, caseFile, inputs);
    }

    private static void reopen(AtomicReference<MainWindow> ref, Path caseFile) {
        MainWindow w = ref.get();
        w.saveState();
        Tasks.drainWrites();
        CaseSession old = w.session();
        Tasks.run(() -> {
            if (old != null) {
                old.close();
            }
            return openSession(caseFile);
        }, w::show, e -> error(w, e));
    }

    private static void load(MainWindow w, Path caseFile, List<Path> inputs) {
        Tasks.run(() -> openSession(caseFile), s -> {
            w.show(s);
            w.importPaths(inputs);
        }, e -> error(w, e));
    }

    private static CaseSession openSession(Path caseFile) throws CaseException {
        List<String> problems = new ArrayList<>();
        CaseSession s = CaseSession.open(caseFile, problems);
        problems.forEach(p -> System.err.println("workbench: " + p));
        Platform.runLater(() -> io.incident.app.ui.RecentCases.add(caseFile));
        return s;
    }

    private static void error(MainWindow w, Throwable e) {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                e.getMessage());
        a.initOwner(w.stage());
        a.setHeaderText("Cannot open the case");
        a.show();
    }

    /**
     * Loads the inputs into a case, lays the window out at 1600x1000 and writes it to a PNG, with no display: JavaFX runs
     * on the headless Monocle platform with software rendering.
     */
    public static int snapshot(String out, List<String> rawArgs) throws IOException, CaseException, InterruptedException {
        List<String> views = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < rawArgs.size(); i++) {
            if (rawArgs.get(i).equals("--view") && i + 1 < rawArgs.size()) {
                views.add(rawArgs.get(++i));
            } else {
                args.add(rawArgs.get(i));
            }
        }
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        System.setProperty("headless.geometry", "1600x1000-32");
        boolean temporary = !(args.size() == 1 && args.get(0).endsWith(".incident"));
        Path caseFile = temporary ? Files.createTempDirectory("workbench-snapshot").resolve("snapshot.incident")
                : Path.of(args.get(0));
        List<String> problems = new ArrayList<>();
        try (CaseSession session = CaseSession.open(caseFile, problems)) {
            problems.forEach(p -> System.err.println("workbench: " + p));
            ArtifactScanner.Scan scan = session.scan(inputsOf(args), Cancellation.none());
            scan.problems().forEach(p -> System.err.println("workbench: " + p.displayPath() + ": " + p.message()));
            for (Candidate c : scan.candidates()) {
                var o = session.importCandidate(c, Progress.NONE, Cancellation.none());
                if (o.status() != io.incident.app.ingest.ImportOutcome.Status.IMPORTED) {
                    System.err.println("workbench: " + c.displayPath() + ": " + o.status() + " " + o.message());
                }
            }
            Platform.startup(() -> { });
            AtomicReference<MainWindow> window = new AtomicReference<>();
            fx(() -> {
                Stage stage = new Stage();
                MainWindow w = new MainWindow(stage, p -> { });
                w.show(session);
                stage.show();
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
                w.timeline().fit();
                for (String v : views) {
                    if (!w.showView(v)) {
                        System.err.println("workbench: --view " + v + ": no such view or nothing to show in it");
                    }
                }
                window.set(w);
                return null;
            });
            // Views that build in the background (the flame graph) settle a moment later; wait for them, boundedly.
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!fx(() -> window.get().isSettled()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            WritableImage image = fx(() -> {
                Stage stage = window.get().stage();
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
                WritableImage shot = stage.getScene().snapshot(null);
                stage.hide();
                return shot;
            });
            Platform.exit();
            BufferedImage img = SwingFXUtils.fromFXImage(image, null);
            Path target = Path.of(out).toAbsolutePath();
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            ImageIO.write(img, "png", target.toFile());
            System.out.println("wrote " + target + " (" + img.getWidth() + "x" + img.getHeight() + ")");
            return 0;
        } finally {
            if (temporary) {
                io.incident.app.cli.Scratch.delete(caseFile.getParent());
            }
        }
    }
}
