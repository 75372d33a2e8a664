package io.incident.parsers.strace;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads the parts of a syscall line the model keeps: the return value with its errno and -y decoration, the first
 * argument when it is a file descriptor, and the path of path-taking calls. Works on the scanner's buffer.
 */
final class CallDetails {
    /** Calls whose first argument is a file descriptor even when -y does not decorate it. */
    static final Set<String> FD_FIRST = Set.of("read", "write", "pread64", "pwrite64", "readv", "writev", "preadv",
            "pwritev", "preadv2", "pwritev2", "close", "fstat", "newfstatat", "fstatfs", "fcntl", "ioctl", "lseek",
            "fsync", "fdatasync", "getdents64", "getdents", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg",
            "recvmmsg", "connect", "accept", "accept4", "bind", "listen", "getsockname", "getpeername", "setsockopt",
            "getsockopt", "shutdown", "epoll_ctl", "epoll_wait", "epoll_pwait", "epoll_pwait2", "dup", "dup2", "dup3",
            "fchmod", "fchown", "ftruncate", "fallocate", "flock", "splice", "sendfile", "fgetxattr", "fsetxattr",
            "statx", "fchdir", "syncfs", "readahead", "fadvise64", "copy_file_range", "inotify_add_watch");
    /** Calls that name a path in their first string argument. */
    static final Set<String> PATH_CALLS = Set.of("open", "openat", "openat2", "creat", "access", "faccessat",
            "faccessat2", "stat", "lstat", "newfstatat", "statx", "execve", "execveat", "unlink", "unlinkat", "mkdir",
            "mkdirat", "rmdir", "rename", "renameat", "renameat2", "readlink", "readlinkat", "chdir", "truncate",
            "chmod", "fchmodat", "chown", "fchownat", "utimensat", "mknod", "mknodat", "symlink", "symlinkat", "link",
            "linkat", "statfs", "inotify_add_watch");

    private CallDetails() {
    }

    /**
     * Fills ret, errno and the ret decoration of {@code c} from the return text {@code [s, e)}; returns where the
     * return text without errno ends (the caller interns {@code [s, that)} as the ret text), or -1 when there is none.
     */
    static int result(byte[] b, int s, int e, Call c, ByteInterner values) {
        if (s >= e) {
            return -1;
        }
        int p = s;
        int q = p;
        if (b[q] == '-') {
            q++;
        }
        int digitsEnd = StraceLineParser.digits(b, q, e);
        if (digitsEnd > q) {
            if (digitsEnd < e && b[digitsEnd] == 'x' && digitsEnd == q + 1 && b[q] == '0') {
                // An address (mmap, brk): kept as text, it is no count or fd.
                digitsEnd = hexEnd(b, digitsEnd + 1, e);
            } else {
                long v = StraceLineParser.parseLong(b, q, digitsEnd);
                c.ret = q > p ? -v : v;
            }
        }
        int tokenEnd = digitsEnd > q ? digitsEnd : q;
        if (digitsEnd > q && digitsEnd < e && b[digitsEnd] == '<') {
            int close = decorationEnd(b, digitsEnd + 1, e);
            c.retDeco = decoration(b, digitsEnd + 1, close, values);
            tokenEnd = Math.min(e, close + 1);
        }
        int errnoStart = -1;
        int afterToken = tokenEnd < e && b[tokenEnd] != ' ' ? scanToSpace(b, tokenEnd, e) : tokenEnd;
        int r = StraceLineParser.skipSpaces(b, afterToken, e);
        if (r < e && b[r] == 'E') {
            int z = r + 1;
            while (z < e && ((b[z] >= 'A' && b[z] <= 'Z') || (b[z] >= '0' && b[z] <= '9') || b[z] == '_')) {
                z++;
            }
            if (z - r > 1 && (z == e || b[z] == ' ')) {
                errnoStart = r;
                c.errnoId = values.intern(b, r, z);
                int t = StraceLineParser.skipSpaces(b, z, e);
                if (t < e && b[t] == '(' && b[e - 1] == ')') {
                    c.errTextId = values.intern(b, t + 1, e - 1);
                }
            }
        }
        int retEnd = errnoStart < 0 ? e : errnoStart;
        while (retEnd > s && b[retEnd - 1] == ' ') {
            retEnd--;
        }
        return retEnd;
    }

    /** The first argument as an fd (with its -y decoration) when it is one. */
    static void firstArgFd(byte[] b, int s, int e, Call c, boolean fdFirst, ByteInterner values) {
        int d = StraceLineParser.digits(b, s, e);
        if (d == s || d - s > 9) {
            return;
        }
        if (d < e && b[d] == '<') {
            int close = decorationEnd(b, d + 1, e);
            c.fd = (int) StraceLineParser.parseLong(b, s, d);
            c.fdDeco = decoration(b, d + 1, close, values);
        } else if (fdFirst && (d == e || b[d] == ',' || b[d] == ')')) {
            c.fd = (int) StraceLineParser.parseLong(b, s, d);
        }
    }

    /** First string literal of the arguments, unescaped, or null. */
    static String firstString(byte[] b, int s, int e) {
        int q = s;
        while (q < e && b[q] != '"') {
            if (b[q] == '{' || b[q] == '[') {
                return null;
            }
            q++;
        }
        if (q == e) {
            return null;
        }
        int z = q + 1;
        while (z < e && b[z] != '"') {
            if (b[z] == '\\') {
                z++;
            }
            z++;
        }
        return unescape(b, q + 1, Math.min(z, e));
    }

    /** The two fds of {@code pipe([3, 4])}, {@code pipe2([3<pipe:[1]>, 4<pipe:[1]>], 0)}, socketpair. */
    static int[] fdPair(byte[] b, int s, int e) {
        int lb = s;
        while (lb < e && b[lb] != '[') {
            lb++;
        }
        int a0 = lb + 1;
        int a1 = StraceLineParser.digits(b, a0, e);
        int comma = a1;
        while (comma < e && b[comma] != ',') {
            comma++;
        }
        int b0 = StraceLineParser.skipSpaces(b, comma + 1, e);
        int b1 = StraceLineParser.digits(b, b0, e);
        if (a1 == a0 || b1 == b0) {
            return null;
        }
        return new int[] {(int) StraceLineParser.parseLong(b, a0, a1), (int) StraceLineParser.parseLong(b, b0, b1)};
    }

    /** A -y decoration ends at the '>' followed by ',' ')' ' ' or the end: endpoints contain "->" inside. */
    static int decorationEnd(byte[] b, int p, int e) {
        for (int i = p; i < e; i++) {
            if (b[i] == '>' && (i + 1 == e || b[i + 1] == ',' || b[i + 1] == ')' || b[i + 1] == ' ')) {
                return i;
            }
        }
        return e;
    }

    private static int hexEnd(byte[] b, int p, int e) {
        while (p < e && (StraceLineParser.isDigitByte(b[p]) || (b[p] >= 'a' && b[p] <= 'f'))) {
            p++;
        }
        return p;
    }

    private static int scanToSpace(byte[] b, int p, int e) {
        while (p < e && b[p] != ' ') {
            p++;
        }
        return p;
    }

    /** A -y decoration as a shared string: the same path or endpoint recurs on every call that uses the fd. */
    private static String decoration(byte[] b, int s, int e, ByteInterner values) {
        for (int i = s; i < e; i++) {
            if (b[i] == '\\') {
                return values.string(values.intern(unescape(b, s, e)));
            }
        }
        return values.string(values.intern(b, s, e));
    }

    /** Undoes strace's \xNN escapes (-x, -xx) and the common C escapes so paths read as paths. */
    static String unescape(byte[] b, int s, int e) {
        boolean escaped = false;
        for (int i = s; i < e; i++) {
            if (b[i] == '\\') {
                escaped = true;
                break;
            }
        }
        if (!escaped) {
            return new String(b, s, e - s, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[e - s];
        int n = 0;
        for (int i = s; i < e; i++) {
            if (b[i] == '\\' && i + 3 < e && b[i + 1] == 'x' && hex(b[i + 2]) >= 0 && hex(b[i + 3]) >= 0) {
                out[n++] = (byte) (hex(b[i + 2]) * 16 + hex(b[i + 3]));
                i += 3;
            } else if (b[i] == '\\' && i + 1 < e && (b[i + 1] == '\\' || b[i + 1] == '"')) {
                out[n++] = b[++i];
            } else {
                out[n++] = b[i];
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
