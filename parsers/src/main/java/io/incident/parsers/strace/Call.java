package io.incident.parsers.strace;

/** One syscall being assembled: from a complete line, or from an unfinished line and its resumption. */
final class Call {
    int pid;
    long start;
    /** start + the -T duration, or -1 without -T. */
    long end;
    /** Time of the line that carried the result (where a returned fd comes into existence). */
    long resultTime;
    int nameId;
    String name;
    /** Argument text, or null while it is held as bytes in {@link #argBytes} (a complete line's, not yet interned). */
    String args;
    /** Bytes of the argument text for a call whose line is gone from the buffer by the time it is emitted. */
    byte[] argBytes;
    int argLen;
    /** The {@link LocalTexts} id of {@link #argBytes}, or -1. */
    int argText;
    int retId;
    /** The numeric return value, or {@link Long#MIN_VALUE} for {@code ?} or a non-numeric result. */
    long ret;
    String retDeco;
    int errnoId;
    int errTextId;
    /** First argument when it is a file descriptor, or -1. */
    int fd;
    String fdDeco;
    String path;
    int durId;
    StringBuilder stack;
    int stackFrames;
    boolean incomplete;
    long line;

    /**
     * Keeps the argument text as a copy of its bytes: it is interned only when the call is emitted, a line later, and
     * most argument texts repeat, so making a String of each would mostly make garbage.
     */
    void argBytes(byte[] b, int s, int len) {
        if (argBytes == null || argBytes.length < len) {
            argBytes = new byte[Math.max(len, 256)];
        }
        System.arraycopy(b, s, argBytes, 0, len);
        argLen = len;
        args = null;
    }

    void reset() {
        pid = 0;
        start = 0;
        end = -1;
        resultTime = 0;
        nameId = 0;
        name = null;
        args = "";
        argLen = 0;
        argText = LocalTexts.NONE;
        retId = 0;
        ret = Long.MIN_VALUE;
        retDeco = null;
        errnoId = 0;
        errTextId = 0;
        fd = -1;
        fdDeco = null;
        path = null;
        durId = 0;
        stack = null;
        stackFrames = 0;
        incomplete = false;
        line = 0;
    }
}
