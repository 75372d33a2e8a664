package io.incident.views.flame;

import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control's state and exports without a window: the properties work without a skin. */
class FlameGraphViewExportTest {

    @BeforeAll
    static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void exportsFollowTheZoomAndTheSampleType() throws Exception {
        WaitForAsyncUtils.asyncFx(FlameGraphViewExportTest::exportsOnTheFxThread).get(10, TimeUnit.SECONDS);
    }

    private static void exportsOnTheFxThread() {
        ProfileFixture p = DemoProfiles.service(100, 60);
        FlameGraphView view = new FlameGraphView();
        view.setProfile(DemoProfiles.profile(p));
        assertEquals(p.track().total(p.track().defaultType()), view.getTree().total());
        view.setSampleType(1);
        assertEquals(p.track().total(1), view.getTree().total());
        FlameTree t = view.getTree();
        int query = t.child(t.child(t.child(t.child(t.child(t.child(FlameTree.ROOT, "runtime.goexit"),
                "net/http.(*conn).serve"), "net/http.serverHandler.ServeHTTP"), "net/http.(*ServeMux).ServeHTTP"),
                "main.(*api).handleOrders"), "main.(*store).Query");
        view.zoomTo(query);
        assertEquals(FoldedStacks.toString(t, query), view.exportFolded());
        long sum = view.exportFolded().lines().mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
        assertEquals(590 * DemoProfiles.MS, sum);
        String svg = view.exportSvg(900);
        assertTrue(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped name in the zoomed view");
        assertTrue(svg.contains(">main.(*store).Query<"), "zoom root labelled");
    }

    @Test
    void executorBuildsOffTheCallingThreadAndTheLastRequestWins() throws InterruptedException {
        ProfileFixture p = DemoProfiles.service(100, 60);
        CountDownLatch applied = new CountDownLatch(1);
        FlameGraphView[] view = new FlameGraphView[1];
        Platform.runLater(() -> {
            view[0] = new FlameGraphView(r -> new Thread(r, "flame-build").start());
            view[0].treeProperty().addListener((o, a, b) -> {
                if (b != null && b.total() == p.track().total(1)) {
                    applied.countDown();
                }
            });
            view[0].setProfile(DemoProfiles.profile(p));
            view[0].setSampleType(1);
        });
        assertTrue(applied.await(10, TimeUnit.SECONDS), "the cpu tree arrives on the FX thread");
    }
}
