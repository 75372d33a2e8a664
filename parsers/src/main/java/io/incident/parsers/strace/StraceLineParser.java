package io.incident.parsers.strace;

import io.incident.parsers.strace.StraceLine.Kind;
import io.incident.parsers.strace.StraceLine.TimeShape;

/**
 * Parses one strace line from bytes without regex or allocation: optional pid prefix ({@code [pid N]} or {@code N}),
 * optional timestamp (-t, -tt, -ttt, ns, -r), optional bracket groups (-i instruction pointer, -n syscall number), then
 * the body. The result of a syscall is found from the end of the line ({@code ) = ret}, then an optional
 * {@code <duration>}), so argument text may hold anything.
 */
final class StraceLineParser {
    private static final byte[] UNFINISHED = " <unfinished ...>".getBytes();
    private static final byte[] DETACHED = " <detached ...>".getBytes();
    private static final byte[] RESUMED = " resumed>".getBytes();
    private static final byte[] GLUE = "strace: Process ".getBytes();

    private StraceLineParser() {
    }

    static void parse(byte[] b, int s, int e, StraceLine l) {
        l.reset();
        if (e - s >= 2 && b[s] == ' ' && b[s + 1] == '>') {
            l.kind = Kind.STACK;
            l.argsStart = s + 2;
            l.argsEnd = e;
            return;
        }
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
            e--;
        }
        int p = skipSpaces(b, s, e);
        if (p == e) {
            l.kind = Kind.BLANK;
            return;
        }
        p = prefix(b, p, e, l);
        if (p < 0) {
            return;
        }
        body(b, p, e, l);
    }

    /**
     * A line that only finishes the last unfinished call, with no {@code <... resumed>} header (-Z writes these):
     * {@code NULL) = ? ERESTART_RESTARTBLOCK (...)}. Leaves the kind UNPARSED when there is no result.
     */
    static void parseContinuation(byte[] b, int s, int e, StraceLine l) {
        l.reset();
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        result(b, s, e, l);
        l.kind = l.retStart < l.retEnd ? Kind.RESUMED : Kind.UNPARSED;
    }

    /** Pid, timestamp and bracket groups; returns where the body starts, or -1 when the line is not strace's. */
    private static int prefix(byte[] b, int p, int e, StraceLine l) {
        if (startsWith(b, p, e, "[pid ")) {
            int q = skipSpaces(b, p + 5, e);
            int d = digits(b, q, e);
            if (d == q || d >= e || b[d] != ']') {
                return -1;
            }
            l.pid = (int) parseLong(b, q, d);
            p = skipSpaces(b, d + 1, e);
        } else if (isDigit(b, p, e)) {
            int d = digits(b, p, e);
            if (d < e && b[d] == ' ' && d - p <= 9) {
                l.pid = (int) parseLong(b, p, d);
                p = skipSpaces(b, d, e);
            }
        }
        if (isDigit(b, p, e)) {
            p = timestamp(b, p, e, l);
            if (p < 0) {
                return -1;
            }
            p = skipSpaces(b, p, e);
        }
        while (p < e && b[p] == '[') {
            int q = p + 1;
            while (q < e && b[q] != ']') {
                q++;
            }
            if (q == e) {
                return -1;
            }
            p = skipSpaces(b, q + 1, e);
        }
        return p;
    }

    private static int timestamp(byte[] b, int p, int e, StraceLine l) {
        int d = digits(b, p, e);
        if (d < e && b[d] == ':') {
            long h = parseLong(b, p, d);
            int m0 = d + 1;
            int m1 = digits(b, m0, e);
            if (m1 == m0 || m1 >= e || b[m1] != ':') {
                return -1;
            }
            int s0 = m1 + 1;
            int s1 = digits(b, s0, e);
            if (s1 == s0) {
                return -1;
            }
            long secs = h * 3600 + parseLong(b, m0, m1) * 60 + parseLong(b, s0, s1);
            l.timeShape = TimeShape.TIME_OF_DAY;
            return fraction(b, s1, e, secs, l);
        }
        if (d < e && b[d] == '.') {
            // -ttt prints the epoch second (10 digits today); -r prints a small delta, right-aligned.
            l.timeShape = d - p >= 9 ? TimeShape.EPOCH : TimeShape.DELTA;
            return fraction(b, d, e, parseLong(b, p, d), l);
        }
        return -1;
    }

    private static int fraction(byte[] b, int p, int e, long secs, StraceLine l) {
        long nanos = 0;
        if (p < e && b[p] == '.') {
            int f0 = p + 1;
            int f1 = digits(b, f0, e);
            nanos = fractionNanos(b, f0, f1);
            p = f1;
        }
        if (p < e && b[p] != ' ') {
            return -1;
        }
        l.time = secs * 1_000_000_000L + nanos;
        return p;
    }

    static long fractionNanos(byte[] b, int f0, int f1) {
        long v = 0;
        int n = 0;
        for (int i = f0; i < f1 && n < 9; i++, n++) {
            v = v * 10 + (b[i] - '0');
        }
        for (; n < 9; n++) {
            v *= 10;
        }
        return v;
    }

    private static void body(byte[] b, int p, int e, StraceLine l) {
        if (startsWith(b, p, e, "<... ")) {
            int nameStart = p + 5;
            int r = indexOf(b, nameStart, e, RESUMED);
            if (r < 0) {
                return;
            }
            l.nameStart = nameStart;
            l.nameEnd = r;
            l.kind = Kind.RESUMED;
            result(b, r + RESUMED.length, e, l);
            return;
        }
        if (startsWith(b, p, e, "+++ ") || startsWith(b, p, e, "--- ")) {
            l.kind = b[p] == '+' ? Kind.EXIT : Kind.SIGNAL;
            int end = e;
            if (e - p >= 8 && b[e - 1] == b[p] && b[e - 2] == b[p] && b[e - 3] == b[p] && b[e - 4] == ' ') {
                end = e - 4;
            } else {
                l.kind = Kind.UNPARSED;
                return;
            }
            l.argsStart = p + 4;
            l.argsEnd = end;
            return;
        }
        if (startsWith(b, p, e, "strace: ")) {
            l.kind = Kind.NOTE;
            l.argsStart = p + 8;
            l.argsEnd = e;
            return;
        }
        int n = p;
        while (n < e && isNameByte(b[n])) {
            n++;
        }
        if (n == p || n == e || b[n] != '(') {
            return;
        }
        l.nameStart = p;
        l.nameEnd = n;
        l.kind = Kind.SYSCALL;
        l.gluedAt = indexOf(b, n, e, GLUE);
        if (l.gluedAt >= 0) {
            // Another writer's note glued onto a line strace had not finished: the call is unfinished here.
            l.kind = Kind.UNFINISHED;
            l.argsStart = n + 1;
            l.argsEnd = l.gluedAt;
            return;
        }
        result(b, n + 1, e, l);
        if (l.kind == Kind.SYSCALL && l.retStart == l.retEnd) {
            l.kind = Kind.UNPARSED;
        }
    }

    /** Arguments and result from {@code p} (just after '(' or 'resumed>') to the end of the line. */
    private static void result(byte[] b, int p, int e, StraceLine l) {
        l.argsStart = p;
        if (endsWith(b, p, e, UNFINISHED) || endsWith(b, p, e, DETACHED)) {
            l.detached = endsWith(b, p, e, DETACHED);
            l.argsEnd = e - (l.detached ? DETACHED.length : UNFINISHED.length);
            if (l.kind == Kind.SYSCALL) {
                l.kind = Kind.UNFINISHED;
            }
            return;
        }
        int end = e;
        if (end - p > 3 && b[end - 1] == '>') {
            int lt = end - 2;
            while (lt > p && (isDigitByte(b[lt]) || b[lt] == '.')) {
                lt--;
            }
            if (b[lt] == '<' && lt > p && b[lt - 1] == ' ' && lt + 1 < end - 1) {
                l.durStart = lt + 1;
                l.durEnd = end - 1;
                l.duration = seconds(b, lt + 1, end - 1);
                end = lt - 1;
                while (end > p && b[end - 1] == ' ') {
                    end--;
                }
            }
        }
        for (int i = end - 2; i > p; i--) {
            if (b[i] == '=' && b[i + 1] == ' ' && b[i - 1] == ' ') {
                int j = i - 1;
                while (j > p && b[j] == ' ') {
                    j--;
                }
                if (b[j] == ')') {
                    l.argsEnd = j;
                    l.retStart = i + 2;
                    l.retEnd = end;
                    return;
                }
            }
        }
        if (end - p >= 3 && b[end - 1] == '?' && b[end - 2] == ' ' && b[end - 3] == '=') {
            l.argsEnd = end - 4;
            l.retStart = end - 1;
            l.retEnd = end;
            return;
        }
        l.argsEnd = end;
        l.retStart = l.retEnd = end;
    }

    private static long seconds(byte[] b, int s, int e) {
        int dot = s;
        while (dot < e && b[dot] != '.') {
            dot++;
        }
        long secs = parseLong(b, s, dot);
        return secs * 1_000_000_000L + (dot < e ? fractionNanos(b, dot + 1, e) : 0);
    }

    static boolean isNameByte(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (c >= 'A' && c <= 'Z') || c == '?';
    }

    static boolean isDigitByte(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDigit(byte[] b, int p, int e) {
        return p < e && isDigitByte(b[p]);
    }

    static int digits(byte[] b, int p, int e) {
        while (p < e && isDigitByte(b[p])) {
            p++;
        }
        return p;
    }

    static int skipSpaces(byte[] b, int p, int e) {
        while (p < e && b[p] == ' ') {
            p++;
        }
        return p;
    }

    static long parseLong(byte[] b, int s, int e) {
        long v = 0;
        for (int i = s; i < e && i - s < 18; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    static boolean startsWith(byte[] b, int p, int e, String prefix) {
        int n = prefix.length();
        if (e - p < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[p + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean endsWith(byte[] b, int p, int e, byte[] suffix) {
        int n = suffix.length;
        if (e - p < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[e - n + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] b, int from, int to, byte[] needle) {
        byte first = needle[0];
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int k = 1; k < needle.length; k++) {
                if (b[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
