package io.incident.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --snapshot} in its own JVM, as a user runs it: no display, a 1600x1000 picture with something drawn in it. */
class SnapshotTest {
    @Test
    void snapshotOfTheSampleIncidentIsAFullPicture(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("main.png");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dworkbench.cases=" + tmp.resolve("cases"), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--snapshot", png.toString(), SampleData.incident().toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "snapshot did not finish");
        assertEquals(0, p.exitValue(), output);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1600, img.getWidth());
        assertEquals(1000, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 40, "the picture is nearly blank: " + colours.size() + " colours");
    }
}
