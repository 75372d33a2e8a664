package io.incident.model;

/** How a source's raw timestamps relate to wall-clock time. */
public enum ClockKind {
    /** Raw times are epoch nanoseconds, UTC. */
    ABSOLUTE_UTC,
    /** Raw times are nanoseconds since midnight of a day the file does not name (strace -t/-tt); a date must be supplied. */
    TIME_OF_DAY,
    /** Raw times are nanoseconds since an unknown start (strace -r, a dump with no timestamp); an offset must be supplied. */
    RELATIVE
}
