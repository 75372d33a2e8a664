package io.incident.parsers.goroutine.bench;

import io.incident.parsers.Limits;
import io.incident.parsers.goroutine.GoroutineDump;
import io.incident.parsers.goroutine.GoroutineDumpReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Times read + bucket of a big debug=2 dump. With a path argument it reads that file (for instance the dump fetched
 * from {@code src/test/go/parkmany} by {@code fetch-dump.sh}); without one it writes a 100k-goroutine dump in Go's exact
 * debug=2 text to a temporary file first, parked in a dozen ways. Run:
 * {@code java -cp target/classes:target/test-classes io.incident.parsers.goroutine.bench.GoroutineBench [dump.txt]}
 */
public final class GoroutineBench {
    private static final int GOROUTINES = 100_000;

    /** Leaf-first frames (function with args, file:line +offset) of one way to park, and its state. */
    private record Shape(String state, String[] frames) {
    }

    private static final Shape[] SHAPES = {
        shape("chan receive", "runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)", "runtime/proc.go:398 +0xce",
                "runtime.chanrecv(0xc00009a060, 0x0, 0x1)", "runtime/chan.go:583 +0x3cd",
                "runtime.chanrecv1(0x0?, 0x0?)", "runtime/chan.go:442 +0x12",
                "main.parkChanReceive(0xc00009a060)", "/src/parkmany/main.go:31 +0x25"),
        shape("chan send", "runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)", "runtime/proc.go:398 +0xce",
                "runtime.chansend(0xc00009a0c0, 0xc000119f38, 0x1, 0x0?)", "runtime/chan.go:259 +0x38e",
                "runtime.chansend1(0x0?, 0x0?)", "runtime/chan.go:145 +0x17",
                "main.parkChanSend(0xc00009a0c0)", "/src/parkmany/main.go:36 +0x2e"),
        shape("select", "runtime.gopark(0xc000119f90?, 0x2?, 0x0?, 0x0?, 0xc000119f7c?)", "runtime/proc.go:398 +0xce",
                "runtime.selectgo(0xc000119f90, 0xc000119f78, 0x0?, 0x0, 0x0?, 0x1)", "runtime/select.go:327 +0x725",
                "main.parkSelect(0xc00009a120, 0xc00009a180)", "/src/parkmany/main.go:41 +0x7f"),
        shape("select (no cases)", "runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)", "runtime/proc.go:398 +0xce",
                "runtime.block()", "runtime/select.go:103 +0x34",
                "main.parkSelectNoCases()", "/src/parkmany/main.go:48 +0x13"),
        shape("sync.Mutex.Lock", "runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)", "runtime/proc.go:398 +0xce",
                "runtime.goparkunlock(...)", "runtime/proc.go:404",
                "runtime.semacquire1(0x5d84e4, 0x0?, 0x3, 0x1, 0x1b?)", "runtime/sema.go:160 +0x218",
                "sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)", "runtime/sema.go:77 +0x25",
                "sync.(*Mutex).lockSlow(0x5d84e0)", "sync/mutex.go:171 +0x15d",
                "sync.(*Mutex).Lock(...)", "sync/mutex.go:90",
                "main.parkMutex(...)", "/src/parkmany/main.go:53"),
        shape("sync.RWMutex.RLock", "runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)", "runtime/proc.go:398 +0xce",
                "runtime.semacquire1(0x5d8510, 0x0?, 0x0, 0x0, 0x0?)", "runtime/sema.go:160 +0x218",
                "sync.runtime_SemacquireRWMutexR(0x0?, 0x0?, 0x0?)", "runtime/sema.go:82 +0x25",
                "sync.(*RWMutex).RLock(...)", "sync/rwmutex.go:71",
                "main.parkRWMutex(0x5d8500)", "/src/parkmany/main.go:58 +0x4a"),
        shape("sync.WaitGroup.Wait", "runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)", "runtime/proc.go:398 +0xce",
                "runtime.semacquire1(0xc0000a8018, 0x0?, 0x1, 0x0, 0x0?)", "runtime/sema.go:160 +0x218",
                "sync.runtime_Semacquire(0x0?)", "runtime/sema.go:62 +0x25",
                "sync.(*WaitGroup).Wait(0x0?)", "sync/waitgroup.go:116 +0x48",
                "main.parkWaitGroup(0xc0000a8010)", "/src/parkmany/main.go:63 +0x1b"),
        shape("sync.Cond.Wait", "runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)", "runtime/proc.go:398 +0xce",
                "runtime.goparkunlock(...)", "runtime/proc.go:404",
                "sync.runtime_notifyListWait(0xc0000b4050, 0x3)", "runtime/sema.go:527 +0x159",
                "sync.(*Cond).Wait(0x0?)", "sync/cond.go:70 +0x85",
                "main.parkCond(0xc0000b4040)", "/src/parkmany/main.go:69 +0x5c"),
        shape("sleep", "runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)", "runtime/proc.go:398 +0xce",
                "time.Sleep(0x34630b8a000)", "runtime/time.go:195 +0x125",
                "main.parkSleep()", "/src/parkmany/main.go:74 +0x1e"),
        shape("IO wait", "runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)", "runtime/proc.go:398 +0xce",
                "runtime.netpollblock(0x0?, 0x0?, 0x0?)", "runtime/netpoll.go:564 +0xf7",
                "internal/poll.runtime_pollWait(0x7f2c1c0a1e28, 0x72)", "runtime/netpoll.go:343 +0x85",
                "internal/poll.(*pollDesc).wait(0xc0000b6000?, 0xc0000c4000?, 0x0)", "internal/poll/fd_poll_runtime.go:84 +0x27",
                "internal/poll.(*pollDesc).waitRead(...)", "internal/poll/fd_poll_runtime.go:89",
                "internal/poll.(*FD).Read(0xc0000b6000, {0xc0000c4000, 0x1000, 0x1000})", "internal/poll/fd_unix.go:164 +0x27a",
                "net.(*netFD).Read(0xc0000b6000, {0xc0000c4000?, 0x0?, 0x0?})", "net/fd_posix.go:55 +0x25",
                "net.(*conn).Read(0xc0000a2008, {0xc0000c4000?, 0x0?, 0x0?})", "net/net.go:179 +0x45",
                "main.parkRead({0x6a9f80, 0xc0000a2008})", "/src/parkmany/main.go:80 +0x6b"),
        shape("chan receive (nil chan)", "runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)", "runtime/proc.go:398 +0xce",
                "runtime.chanrecv(0x0, 0x0, 0x1)", "runtime/chan.go:457 +0x3b",
                "runtime.chanrecv1(0x0?, 0x0?)", "runtime/chan.go:442 +0x12",
                "main.parkNilChan()", "/src/parkmany/main.go:85 +0x1a"),
        shape("semacquire", "runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)", "runtime/proc.go:398 +0xce",
                "runtime.semacquire1(0xc0000a8028, 0x0?, 0x0, 0x0, 0x0?)", "runtime/sema.go:160 +0x218",
                "golang.org/x/sync/semaphore.(*Weighted).Acquire(0xc0000a8020, {0x6aa1c8, 0xc0000a0000}, 0x1)",
                "/gopath/pkg/mod/golang.org/x/sync@v0.5.0/semaphore/semaphore.go:60 +0x3d9",
                "main.parkSemaphore(0xc0000a8020)", "/src/parkmany/main.go:91 +0x3f"),
    };

    private GoroutineBench() {
    }

    private static Shape shape(String state, String... frames) {
        return new Shape(state, frames);
    }

    public static void main(String[] args) throws Exception {
        Path file;
        if (args.length > 0) {
            file = Path.of(args[0]);
        } else {
            file = Files.createTempFile("goroutines-100k", ".debug2.txt");
            file.toFile().deleteOnExit();
            write(file, GOROUTINES);
        }
        System.out.printf("%s: %.1f MB%n", file, Files.size(file) / 1e6);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= 8; run++) {
            long t0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            GoroutineDump dump;
            try (InputStream in = Files.newInputStream(file)) {
                dump = GoroutineDumpReader.parse(in, file.toString(), Limits.DEFAULT);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
            System.out.printf("run %d: %d goroutines, %d buckets, read + bucket %d ms wall, %d ms cpu%n", run,
                    dump.goroutineCount(), dump.buckets().size(), ms, cpuMs);
        }
    }

    /** Writes {@code n} goroutines in the debug=2 text of Go 1.21+ (created by X in goroutine N). */
    public static void write(Path file, int n) throws IOException {
        Random random = new Random(1);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("goroutine 1 [running]:\nruntime/pprof.writeGoroutineStacks({0x6a9f80, 0xc0000a2010})\n"
                    + "\truntime/pprof/pprof.go:703 +0x6a\nmain.main()\n\t/src/parkmany/main.go:120 +0x1c5\n");
            for (int i = 0; i < n; i++) {
                Shape s = SHAPES[i % SHAPES.length];
                int minutes = random.nextInt(90);
                w.write("\ngoroutine " + (i + 18) + " [" + s.state() + (minutes > 0 ? ", " + minutes + " minutes" : "")
                        + "]:\n");
                for (int f = 0; f < s.frames().length; f += 2) {
                    w.write(s.frames()[f]);
                    w.write("\n\t");
                    w.write(s.frames()[f + 1]);
                    w.write('\n');
                }
                w.write("created by main.main in goroutine 1\n\t/src/parkmany/main.go:110 +0x3a\n");
            }
            w.write('\n');
        }
    }
}
