package io.incident.views.flame;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class FlameGraphViewUiTest {
    private FlameGraphView view;
    private ProfileFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = DemoProfiles.service(100, 60);
        view = new FlameGraphView();
        view.setProfile(DemoProfiles.profile(fixture));
        view.setSampleType(1);
        stage.setScene(new Scene(view, 1100, 520));
        stage.show();
    }

    @Test
    void clickingAFrameZoomsOnItAndTheBreadcrumbsFollow(FxRobot robot) throws IOException {
        FlameTree t = view.getTree();
        int serve = t.child(t.child(FlameTree.ROOT, "runtime.goexit"), "net/http.(*conn).serve");
        robot.clickOn(centreOf(robot, serve));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(serve, view.getZoomNode());
        assertEquals(List.of("all", "\u203a", "runtime.goexit", "\u203a", "net/http.(*conn).serve"), crumbs(robot));
        assertTrue(robot.lookup("#flame-breadcrumbs").queryAs(HBox.class).getChildren().get(0) instanceof Hyperlink);
        snapshot(robot, "flame-snapshot-zoomed.png");
        robot.clickOn(robot.lookup("#flame-breadcrumbs .hyperlink").queryAs(Hyperlink.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(FlameTree.ROOT, view.getZoomNode());
    }

    @Test
    void searchHighlightsAndReportsTheMatchedShare(FxRobot robot) throws IOException {
        robot.clickOn("#flame-search").write("json");
        WaitForAsyncUtils.waitForFxEvents();
        FlameTree t = view.getTree();
        double expected = 100.0 * 1300 * DemoProfiles.MS / t.total();
        assertEquals(String.format(java.util.Locale.ROOT, "matched: %.1f%%", expected),
                robot.lookup("#flame-matched").queryAs(Label.class).getText());
        robot.moveTo(centreOf(robot, t.child(FlameTree.ROOT, "runtime.mcall")));
        WaitForAsyncUtils.waitForFxEvents();
        String status = robot.lookup("#flame-status").queryAs(Label.class).getText();
        assertTrue(status.startsWith("runtime.mcall \u2014 total 115 ms ("), status);
        snapshot(robot, "flame-snapshot.png");
        robot.clickOn("#flame-search").press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A)
                .release(KeyCode.CONTROL).press(KeyCode.BACK_SPACE).release(KeyCode.BACK_SPACE);
    }

    @Test
    void iciclesSandwichAndDiffRender(FxRobot robot) throws IOException {
        robot.interact(() -> view.setMode(FlameMode.ICICLE));
        snapshot(robot, "flame-snapshot-icicle.png");
        robot.interact(() -> view.showSandwich("main.(*store).Query"));
        assertEquals(590 * DemoProfiles.MS, view.getSandwich().callees().total(), "420 + 130 + 40 ms");
        snapshot(robot, "flame-snapshot-sandwich.png");
        robot.interact(() -> {
            view.setBaseline(DemoProfiles.profile(DemoProfiles.service(30, 140)));
            view.setMode(FlameMode.DIFF);
        });
        assertTrue(view.getDiff() != null);
        snapshot(robot, "flame-snapshot-diff.png");
        assertTrue(view.exportSvg(1200).contains("&lt;script&gt;"));
    }

    private List<String> crumbs(FxRobot robot) {
        return robot.lookup("#flame-breadcrumbs").queryAs(HBox.class).getChildren().stream()
                .map(n -> n instanceof Hyperlink h ? h.getText() : ((Label) n).getText()).toList();
    }

    /** Screen point at the middle of a node's rectangle on the main canvas. */
    private Point2D centreOf(FxRobot robot, int node) {
        FlameCanvas canvas = robot.lookup("#flame-canvas").queryAs(FlameCanvas.class);
        FlameLayout layout = canvas.flameLayout();
        for (int i = 0; i < layout.count(); i++) {
            if (layout.node(i) == node) {
                double rowsFromBottom = layout.depth(i) + 0.5;
                double y = canvas.getHeight() - rowsFromBottom * FlameCanvas.ROW;
                return canvas.localToScreen(layout.x(i) + layout.width(i) / 2, y);
            }
        }
        throw new AssertionError("node " + node + " is not drawn");
    }

    private void snapshot(FxRobot robot, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = view.snapshot(null, null));
        Path out = Path.of("target", name);
        Files.createDirectories(out.getParent());
        ImageIO.write(toBuffered(image[0]), "png", out.toFile());
    }

    private static BufferedImage toBuffered(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        return out;
    }
}
