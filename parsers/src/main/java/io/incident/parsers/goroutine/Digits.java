package io.incident.parsers.goroutine;

/** Decimal numbers inside a line's bytes. */
final class Digits {
    private Digits() {
    }

    /** Decimal digits in [from, to) as a long, or -1 when empty, not all digits or longer than 18 digits. */
    static long parse(LineSource line, int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            byte b = line.at(i);
            if (!isDigit(b)) {
                return -1;
            }
            v = v * 10 + (b - '0');
        }
        return v;
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
