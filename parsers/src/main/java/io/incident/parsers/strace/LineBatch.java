package io.incident.parsers.strace;

import java.util.Arrays;

/**
 * A run of consecutive lines on their way from the reading thread to the assembling one: their bytes copied into one
 * array, each line's range and flags in int and byte columns, and each line already parsed into a {@link StraceLine}
 * (positions into {@link #bytes}). Batches are recycled, so after the first few a read allocates nothing per line.
 */
final class LineBatch {
    static final byte CUT = 1;
    static final byte TERMINATED = 2;
    /** The line was parsed here; without it the assembler parses it itself (and meets the parser's error there). */
    static final byte PARSED = 4;

    final int maxLines;
    byte[] bytes;
    final int[] starts;
    final int[] ends;
    final byte[] flags;
    final StraceLine[] parsed;
    int lines;
    private int used;
    /** Bytes of input consumed when the batch was handed over: what progress reports. */
    long consumed;
    /** No line follows this batch. */
    boolean last;
    /** What stopped the reading thread after this batch's lines; rethrown where those lines have been assembled. */
    Throwable failure;

    LineBatch(int maxLines, int maxBytes) {
        this.maxLines = maxLines;
        this.bytes = new byte[maxBytes];
        this.starts = new int[maxLines];
        this.ends = new int[maxLines];
        this.flags = new byte[maxLines];
        this.parsed = new StraceLine[maxLines];
        for (int i = 0; i < maxLines; i++) {
            parsed[i] = new StraceLine();
        }
    }

    void clear() {
        lines = 0;
        used = 0;
        consumed = 0;
        last = false;
        failure = null;
    }

    /** Copies and parses one line; false (nothing added) when the batch has no room left for it. */
    boolean add(byte[] b, int s, int e, boolean cut, boolean terminated, LocalTexts texts) {
        int len = e - s;
        if (lines == maxLines || (used + len > bytes.length && lines > 0)) {
            return false;
        }
        if (len > bytes.length) {
            // Only a line longer than the whole array (up to maxLineBytes) makes it grow, once.
            bytes = Arrays.copyOf(bytes, len);
        }
        System.arraycopy(b, s, bytes, used, len);
        int i = lines++;
        starts[i] = used;
        ends[i] = used + len;
        used += len;
        byte f = (byte) ((cut ? CUT : 0) | (terminated ? TERMINATED : 0));
        if (!cut) {
            try {
                StraceLineParser.parse(bytes, starts[i], ends[i], parsed[i]);
                identify(parsed[i], texts);
                f |= PARSED;
            } catch (RuntimeException unexpected) {
                // Left unparsed: the assembler parses the line again in file order, so the error names its line.
                parsed[i].reset();
            }
        }
        flags[i] = f;
        return true;
    }

    /** Gives the texts the assembler interns (name, a complete call's argument text, return, duration) local ids. */
    private void identify(StraceLine l, LocalTexts texts) {
        if (l.kind == StraceLine.Kind.SYSCALL || l.kind == StraceLine.Kind.UNFINISHED
                || l.kind == StraceLine.Kind.RESUMED) {
            if (l.nameEnd > l.nameStart) {
                l.nameText = texts.id(bytes, l.nameStart, l.nameEnd);
            }
            int argsLen = l.argsEnd - l.argsStart;
            if (l.kind == StraceLine.Kind.SYSCALL && argsLen >= 0 && argsLen <= StraceAssembler.ARGS_CHARS) {
                l.argsText = texts.id(bytes, l.argsStart, l.argsEnd);
            }
            if (l.retEnd > l.retStart) {
                l.retText = texts.id(bytes, l.retStart, l.retEnd);
            }
            if (l.duration >= 0) {
                l.durText = texts.id(bytes, l.durStart, l.durEnd);
            }
        }
    }
}
