package io.incident.views.flame;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a tree as folded stacks, one line per stack with its self value ({@code main;work;parse 42}), the format that
 * FlameGraph's flamegraph.pl and speedscope read. The synthetic root is left out; a zoomed view keeps the path from the
 * root so the stacks stay complete. A ';' inside a name would split the frame, so it becomes ':'; line breaks become
 * spaces.
 */
public final class FoldedStacks {
    private FoldedStacks() {
    }

    public static void write(FlameTree tree, int zoomRoot, Appendable out) throws IOException {
        StringBuilder prefix = new StringBuilder();
        int[] path = tree.pathTo(zoomRoot);
        for (int i = 1; i < path.length; i++) {
            appendFrame(prefix, tree.name(path[i]));
        }
        writeSubtree(tree, zoomRoot, prefix, out);
    }

    public static String toString(FlameTree tree, int zoomRoot) {
        StringBuilder sb = new StringBuilder();
        try {
            write(tree, zoomRoot, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** Depth-first with an explicit stack, so deep trees cannot overflow the call stack. */
    private static void writeSubtree(FlameTree tree, int top, StringBuilder prefix, Appendable out) throws IOException {
        int[] stack = new int[tree.maxDepth() + 2];
        int[] prefixLen = new int[stack.length];
        int[] next = new int[stack.length];
        int sp = 0;
        stack[0] = top;
        prefixLen[0] = prefix.length();
        next[0] = tree.childStart(top);
        emit(tree, top, prefix, out);
        while (sp >= 0) {
            int n = stack[sp];
            if (next[sp] >= tree.childEnd(n)) {
                sp--;
                continue;
            }
            int c = next[sp]++;
            prefix.setLength(prefixLen[sp]);
            appendFrame(prefix, tree.name(c));
            emit(tree, c, prefix, out);
            sp++;
            stack[sp] = c;
            prefixLen[sp] = prefix.length();
            next[sp] = tree.childStart(c);
        }
    }

    private static void emit(FlameTree tree, int node, StringBuilder prefix, Appendable out) throws IOException {
        if (tree.self(node) != 0 && prefix.length() > 0) {
            out.append(prefix).append(' ').append(Long.toString(tree.self(node))).append('\n');
        }
    }

    private static void appendFrame(StringBuilder prefix, String name) {
        if (prefix.length() > 0) {
            prefix.append(';');
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            prefix.append(ch == ';' ? ':' : ch == '\n' || ch == '\r' ? ' ' : ch);
        }
    }
}
