package io.incident.views.flame;

import java.util.function.IntUnaryOperator;

/**
 * Renders a {@link FlameLayout} as a self-contained SVG: no scripts, no external fonts or styles, a {@code <title>} per
 * frame for the tooltip. Names come from artifacts, so every name is escaped for XML text and attributes.
 */
public final class FlameSvg {
    static final int ROW = 17;
    private static final double CHAR_WIDTH = 6.6;
    private static final int HEADER = 24;

    private FlameSvg() {
    }

    /**
     * @param colours the fill of each node as 0xRRGGBB (e.g. {@link FlamePalette#warm} of its name, or a diff colour)
     * @param icicle  root at the top when true, at the bottom (flame) when false
     */
    public static String render(FlameLayout layout, String title, boolean icicle, IntUnaryOperator colours,
                                FlameText describe) {
        FlameTree tree = layout.tree();
        int rows = layout.rows();
        double width = layout.width();
        int height = HEADER + rows * ROW + 4;
        StringBuilder sb = new StringBuilder(layout.count() * 160 + 512);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(width)).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(num(width)).append(' ').append(height)
                .append("\" font-family=\"Verdana, DejaVu Sans, sans-serif\" font-size=\"12\">\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        sb.append("<text x=\"").append(num(width / 2)).append("\" y=\"16\" text-anchor=\"middle\" font-size=\"14\">")
                .append(escape(title)).append("</text>\n");
        for (int i = 0; i < layout.count(); i++) {
            int row = layout.depth(i);
            double y = icicle ? HEADER + row * ROW : HEADER + (rows - 1 - row) * ROW;
            boolean merged = layout.isMerged(i);
            int node = layout.owner(i);
            int fill = merged ? FlamePalette.MERGED : colours.applyAsInt(node);
            String label = merged ? "(narrow frames under " + tree.name(node) + ")" : describe.of(node);
            sb.append("<g><title>").append(escape(label)).append("</title><rect x=\"").append(num(layout.x(i)))
                    .append("\" y=\"").append(y).append("\" width=\"").append(num(Math.max(0.1, layout.width(i) - 0.5)))
                    .append("\" height=\"").append(ROW - 1).append("\" fill=\"").append(hex(fill))
                    .append("\" rx=\"1\"/>");
            String text = merged ? "" : clip(tree.name(node), layout.width(i) - 6);
            if (!text.isEmpty()) {
                sb.append("<text x=\"").append(num(layout.x(i) + 3)).append("\" y=\"").append(y + ROW - 5)
                        .append("\" fill=\"").append(hex(FlamePalette.textOn(fill))).append("\">")
                        .append(escape(text)).append("</text>");
            }
            sb.append("</g>\n");
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** The name, cut with an ellipsis to fit {@code room} pixels at the SVG's font size; empty when too narrow. */
    static String clip(String name, double room) {
        return FlameFormat.clip(name, room, CHAR_WIDTH);
    }

    /** Escapes for both XML text and double-quoted attributes, and drops characters XML 1.0 forbids. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static String hex(int rgb) {
        char[] out = new char[7];
        out[0] = '#';
        for (int i = 0; i < 6; i++) {
            out[6 - i] = HEX[(rgb >> (4 * i)) & 0xF];
        }
        return new String(out);
    }

    /** One decimal, no exponent, no locale: String.format is ten times slower on 10k frames. */
    private static String num(double v) {
        long tenths = Math.round(v * 10);
        String sign = tenths < 0 ? "-" : "";
        long abs = Math.abs(tenths);
        return sign + abs / 10 + "." + abs % 10;
    }

    /** The tooltip text of a node. */
    @FunctionalInterface
    public interface FlameText {
        String of(int node);
    }
}
