package io.incident.parsers.strace;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What each finished call means for file descriptors and for the process tree: which calls create, duplicate or close
 * an fd, and which clones share the fd table (CLONE_FILES) or the thread group (CLONE_THREAD) of their parent.
 */
final class FdCalls {
    private static final Set<String> CREATORS = Set.of("open", "openat", "openat2", "creat", "socket", "accept",
            "accept4", "eventfd", "eventfd2", "epoll_create", "epoll_create1", "memfd_create", "timerfd_create",
            "signalfd", "signalfd4", "inotify_init", "inotify_init1", "fanotify_init", "pidfd_open", "dup", "dup2",
            "dup3");
    private static final Set<String> CLONES = Set.of("clone", "clone3", "fork", "vfork");
    private static final Set<String> PAIRS_AND_CLOSE = Set.of("pipe", "pipe2", "socketpair", "close");

    final FdLifecycle lifecycle = new FdLifecycle();
    final Set<Integer> created = new HashSet<>();
    final Map<Integer, Integer> filesParent = new HashMap<>();
    final Map<Integer, Integer> threadParent = new HashMap<>();
    /** Last endpoint named per thread and fd: arrays, since every -yy read and write asks. */
    private final Map<Integer, String[]> endpoints = new HashMap<>();

    /** Whether the call returns a new fd (so its "fd" arg is the result, not the first argument). */
    static boolean createsFd(String name) {
        return CREATORS.contains(name) || name.equals("fcntl");
    }

    /** Whether a call can create, copy or close an fd or create a process or thread (else only -yy names matter). */
    static boolean matters(String name) {
        return createsFd(name) || CLONES.contains(name) || PAIRS_AND_CLOSE.contains(name);
    }

    void track(Call c, String errno) {
        String name = c.name;
        long ret = c.ret;
        if (CLONES.contains(name)) {
            if (ret > 0) {
                int child = (int) ret;
                created.add(child);
                if (c.args.contains("CLONE_FILES")) {
                    filesParent.put(child, c.pid);
                }
                if (c.args.contains("CLONE_THREAD")) {
                    threadParent.put(child, c.pid);
                }
            }
            return;
        }
        switch (name) {
            case "dup", "dup2", "dup3" -> {
                if (ret >= 0 && c.fd >= 0 && ret != c.fd) {
                    lifecycle.dup(c.pid, c.resultTime, (int) ret, c.fd, name);
                }
            }
            case "fcntl" -> {
                if (ret >= 0 && c.fd >= 0 && c.args.contains("F_DUPFD")) {
                    lifecycle.dup(c.pid, c.resultTime, (int) ret, c.fd, name);
                }
            }
            case "pipe", "pipe2", "socketpair" -> {
                if (ret == 0) {
                    pair(c);
                }
            }
            case "close" -> {
                if (c.fd >= 0 && !(ret == -1 && "EBADF".equals(errno))) {
                    lifecycle.close(c.pid, c.start, c.fd, c.fdDeco, name);
                }
            }
            default -> {
                if (CREATORS.contains(name) && ret >= 0) {
                    String label = c.retDeco != null ? c.retDeco : c.path != null ? c.path : name;
                    lifecycle.open(c.pid, c.resultTime, (int) ret, label, name);
                } else {
                    endpoint(c);
                }
            }
        }
    }

    /**
     * For a call on a decorated fd that creates, copies or closes none: -yy shows a socket's endpoints only once it
     * is connected, so the fd is named after them from then on. Most calls of a trace (reads, writes) come only here.
     */
    void endpoint(Call c) {
        if (c.fdDeco != null && c.fd >= 0 && c.fdDeco.contains("->")) {
            String[] byFd = endpoints.computeIfAbsent(c.pid, k -> new String[64]);
            if (c.fd >= byFd.length) {
                byFd = java.util.Arrays.copyOf(byFd, Math.max(c.fd + 1, byFd.length * 2));
                endpoints.put(c.pid, byFd);
            }
            if (!c.fdDeco.equals(byFd[c.fd])) {
                byFd[c.fd] = c.fdDeco;
                lifecycle.label(c.pid, c.start, c.fd, c.fdDeco);
            }
        }
    }

    private void pair(Call c) {
        byte[] b = c.args.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int[] fds = CallDetails.fdPair(b, 0, b.length);
        if (fds == null) {
            return;
        }
        for (int fd : fds) {
            String label = c.name.equals("socketpair") ? "socketpair" : "pipe";
            int at = c.args.indexOf(fd + "<");
            if (at >= 0) {
                int s = at + Integer.toString(fd).length() + 1;
                label = c.args.substring(s, CallDetails.decorationEnd(b, s, b.length));
            }
            lifecycle.open(c.pid, c.resultTime, fd, label, c.name);
        }
    }

    /**
     * The traced tree's root: the file's pid for -ff, else the first pid seen. With -f writing to stderr strace prints
     * no pid prefix until a second process exists, so unprefixed lines (pid 0 here) belong to the first prefixed pid
     * that is not a child created in the trace.
     */
    int root(Collection<Integer> pids, int filePid) {
        if (filePid >= 0) {
            return filePid;
        }
        for (int pid : pids) {
            if (pid != 0 && !created.contains(pid)) {
                return pid;
            }
        }
        return pids.isEmpty() ? 0 : pids.iterator().next();
    }

    String group(int pid) {
        int p = pid;
        for (int guard = 0; guard < 64 && threadParent.containsKey(p); guard++) {
            p = threadParent.get(p);
        }
        return "pid " + (p == 0 ? "?" : Integer.toString(p));
    }

    /**
     * The process whose fd table a thread uses: follow CLONE_FILES parents. A pid never seen created (the root, or
     * threads strace attached to with -p) cannot be placed in a thread group, so its fds are keyed by the traced tree's
     * root: for an attach to one multi-threaded process that is exactly right, and for a -ff file it is the file's pid.
     */
    int fdOwner(int tid, int root) {
        int p = tid;
        for (int guard = 0; guard < 64 && filesParent.containsKey(p); guard++) {
            p = filesParent.get(p);
        }
        if (p != tid) {
            return p;
        }
        return created.contains(tid) ? tid : root;
    }
}
