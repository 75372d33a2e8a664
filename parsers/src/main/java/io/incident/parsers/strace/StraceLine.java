package io.incident.parsers.strace;

/**
 * One parsed line as positions into the scanner's buffer (no Strings): what {@link StraceLineParser} found, reused for
 * every line. Positions are valid only while the buffer holds the line.
 */
final class StraceLine {
    enum Kind {
        /** {@code name(args) = ret}. */
        SYSCALL,
        /** {@code name(args <unfinished ...>}, or {@code <detached ...>} at the end of an attach. */
        UNFINISHED,
        /** {@code <... name resumed>rest) = ret}. */
        RESUMED,
        /** {@code --- SIGX {...} ---} or {@code --- stopped by SIGX ---}. */
        SIGNAL,
        /** {@code +++ exited with N +++}, {@code +++ killed by SIGX (core dumped) +++}. */
        EXIT,
        /** {@code strace: Process N attached} and other notes strace writes itself. */
        NOTE,
        /** {@code  > frame} of a -k stack. */
        STACK,
        BLANK,
        UNPARSED
    }

    /** How the line's timestamp was written; the first one decides the file's clock. */
    enum TimeShape { NONE, TIME_OF_DAY, EPOCH, DELTA }

    Kind kind;
    int pid;
    TimeShape timeShape;
    /** Nanoseconds: since midnight, since the epoch, or the -r delta, as {@link #timeShape} says. */
    long time;
    int nameStart;
    int nameEnd;
    /** Argument text (for RESUMED: the rest after {@code resumed>}); for SIGNAL/EXIT/NOTE the body text. */
    int argsStart;
    int argsEnd;
    /** Return text after {@code = }, without the -T duration; empty when there is none. */
    int retStart;
    int retEnd;
    /** -T duration in nanoseconds, or -1. */
    long duration;
    int durStart;
    int durEnd;
    /** Where a {@code strace: Process} note glued onto this line starts, or -1. */
    int gluedAt;
    boolean detached;
    /**
     * {@link LocalTexts} ids of the name, the argument text (a complete call's), the return text and the duration, or
     * -1.
     */
    int nameText;
    int argsText;
    int retText;
    int durText;

    void reset() {
        kind = Kind.UNPARSED;
        pid = -1;
        timeShape = TimeShape.NONE;
        time = 0;
        nameStart = nameEnd = argsStart = argsEnd = retStart = retEnd = durStart = durEnd = 0;
        duration = -1;
        gluedAt = -1;
        detached = false;
        nameText = argsText = retText = durText = LocalTexts.NONE;
    }
}
