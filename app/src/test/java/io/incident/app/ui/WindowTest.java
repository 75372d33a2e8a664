package io.incident.app.ui;

import io.incident.app.session.CaseSession;
import java.nio.file.Path;
import java.util.ArrayList;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;

/** The real window under headless Monocle on a fresh case file; UI tests extend it. */
@ExtendWith(ApplicationExtension.class)
abstract class WindowTest {
    static {
        // The window is 1600x1000; Monocle's default headless screen (1280x800) cannot take its pixels.
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @TempDir
    static Path tmp;
    MainWindow window;
    CaseSession session;

    /** TestFX finds {@code @Start} only on the test class itself, so each subclass's {@code @Start} calls this. */
    void open(Stage stage) throws Exception {
        session = CaseSession.open(tmp.resolve("ui-" + System.nanoTime() + ".incident"), new ArrayList<>());
        window = new MainWindow(stage, p -> { });
        window.show(session);
        stage.show();
    }

    @AfterEach
    void close() {
        Tasks.drainWrites();
        session.close();
    }
}
