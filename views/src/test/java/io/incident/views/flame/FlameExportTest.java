package io.incident.views.flame;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlameExportTest {
    private static final String EVIL = "<script>alert(\"x\" & 'y')</script>";

    @Test
    void svgEscapesHostileFunctionNamesAndStaysWellFormed() throws Exception {
        FlameTree t = ProfileFixture.cpu().add("main;" + EVIL, 1, 90).add("main;ok", 1, 10).tree(1);
        FlameLayout l = FlameLayout.compute(t, FlameTree.ROOT, 1200, 1.0);
        String svg = FlameSvg.render(l, "cpu of <b>", false, n -> FlamePalette.warm(t.name(n)),
                n -> FlameFormat.describe(t, n, t.total(), null));
        assertFalse(svg.contains("<script"), svg);
        assertFalse(svg.contains("<b>"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList texts = doc.getElementsByTagName("text");
        boolean found = false;
        for (int i = 0; i < texts.getLength(); i++) {
            found |= texts.item(i).getTextContent().equals(EVIL);
        }
        assertTrue(found, "the name survives escaping intact");
        assertEquals(4, doc.getElementsByTagName("rect").getLength() - 1, "all, main, two functions + background");
    }

    @Test
    void svgLabelsAreClippedWithAnEllipsisOrLeftOut() {
        assertEquals("java.util.conc\u2026", FlameSvg.clip("java.util.concurrent.ThreadPoolExecutor", 100));
        assertEquals("", FlameSvg.clip("java.util.concurrent", 15));
        assertEquals("run", FlameSvg.clip("run", 30));
    }

    @Test
    void foldedLinesCarryTheSelfValueOfEachStackAndSumToTheViewTotal() {
        FlameTree t = ProfileFixture.cpu()
                .add("main;work;parse", 1, 300).add("main;work", 1, 100).add("main;a;b", 1, 5).add("main;x;y", 1, 0)
                .tree(1);
        String folded = FoldedStacks.toString(t, FlameTree.ROOT);
        assertEquals(String.join("\n", "main;a;b 5", "main;work 100", "main;work;parse 300", ""), folded);
        int work = t.child(t.child(FlameTree.ROOT, "main"), "work");
        assertEquals("main;work 100\nmain;work;parse 300\n", FoldedStacks.toString(t, work),
                "a zoomed view keeps the full path");
        long sum = Arrays.stream(FoldedStacks.toString(FlameTreeBuilderTest.random(5, 3000).tree(1), 0).split("\n"))
                .mapToLong(line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertEquals(FlameTreeBuilderTest.random(5, 3000).track().total(1), sum);
    }

    @Test
    void foldedNamesCannotBreakTheFormat() {
        FlameTree t = ProfileFixture.cpu().addFrames(new String[] {"main", "Lfoo;bar\nbaz"}, 1, 3).tree(1);
        assertEquals("main;Lfoo:bar baz 3\n", FoldedStacks.toString(t, FlameTree.ROOT));
    }
}
