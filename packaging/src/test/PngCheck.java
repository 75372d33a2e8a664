import java.awt.image.BufferedImage;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Fails unless the PNG is a real picture of the window: the expected size, many colours, and no single colour
 * covering almost all of it (a blank or black window would). Run as a single-file program by check-installers.sh.
 */
public final class PngCheck {
    public static void main(String[] args) throws Exception {
        BufferedImage img = ImageIO.read(new File(args[0]));
        if (img == null) {
            fail(args[0] + " is not a PNG");
        }
        if (img.getWidth() != 1600 || img.getHeight() != 1000) {
            fail("snapshot is " + img.getWidth() + "x" + img.getHeight() + ", expected 1600x1000");
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                counts.merge(img.getRGB(x, y), 1, Integer::sum);
            }
        }
        int top = counts.values().stream().max(Integer::compare).orElse(0);
        double share = top / (double) (img.getWidth() * img.getHeight());
        if (counts.size() < 64 || share > 0.9) {
            fail("snapshot looks empty: " + counts.size() + " colours, the commonest covers " + Math.round(share * 100) + "%");
        }
        System.out.println("snapshot ok: " + counts.size() + " colours, the commonest covers " + Math.round(share * 100) + "%");
    }

    private static void fail(String message) {
        System.err.println("PngCheck: " + message);
        System.exit(1);
    }
}
