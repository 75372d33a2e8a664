package io.incident.parsers.jfr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Makes the JFR bench recording with a real JVM and a real workload: threads that park, contend on monitors, sleep,
 * talk over a loopback socket, read and write a file, allocate and throw, recorded with the JDK's {@code profile}
 * settings plus zero thresholds on the thread and I/O events, until the recording reaches the asked size. Run it in a
 * JVM started with {@code -XX:FlightRecorderOptions:maxchunksize=13m} so the file has about one chunk per 13 MB:
 * {@code parsers/src/test/bench/jfr-bench.sh} does.
 *
 * <p>Usage: {@code MakeBenchRecording OUT.jfr [MEGABYTES]} (default 250).
 */
public final class MakeBenchRecording {
    private static final AtomicBoolean STOP = new AtomicBoolean();
    private static final Object[] LOCKS = {new Object(), new Object(), new Object()};
    private static volatile long sink;

    private MakeBenchRecording() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long target = (args.length > 1 ? Long.parseLong(args[1]) : 250) << 20;
        Map<String, String> settings = new HashMap<>(Configuration.getConfiguration("profile").getSettings());
        for (String event : List.of("jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadSleep",
                "jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead", "jdk.FileWrite")) {
            settings.put(event + "#enabled", "true");
            settings.put(event + "#threshold", "0 ms");
            settings.put(event + "#stackTrace", "true");
        }
        settings.put("jdk.ExecutionSample#period", "10 ms");
        settings.put("jdk.ObjectAllocationSample#throttle", "2000/s");
        settings.put("jdk.JavaExceptionThrow#enabled", "true");

        Path work = Files.createTempDirectory("jfr-bench-work");
        List<Thread> threads = new ArrayList<>();
        try (Recording r = new Recording(settings); ServerSocket server = new ServerSocket(0, 50,
                InetAddress.getLoopbackAddress())) {
            r.setToDisk(true);
            r.start();
            threads.add(start("echo-server", () -> echo(server)));
            for (int i = 0; i < 2; i++) {
                threads.add(start("parker-" + i, MakeBenchRecording::park));
                threads.add(start("contender-" + i, MakeBenchRecording::contend));
                threads.add(start("client-" + i, () -> client(server.getLocalPort())));
            }
            threads.add(start("sleeper", MakeBenchRecording::sleep));
            threads.add(start("file-io", () -> fileIo(work.resolve("data.bin"))));
            threads.add(start("allocator", MakeBenchRecording::allocate));
            long started = System.nanoTime();
            while (true) {
                Thread.sleep(2000);
                long size = r.getSize();
                System.out.printf("%4.0f s: about %d MB recorded%n", (System.nanoTime() - started) / 1e9,
                        size >> 20);
                if (size >= target) {
                    break;
                }
            }
            STOP.set(true);
            r.stop();
            r.dump(out);
            for (Thread t : threads) {
                t.interrupt();
            }
            System.out.printf("wrote %s: %d bytes%n", out, Files.size(out));
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void park() {
        while (!STOP.get()) {
            LockSupport.parkNanos(20_000);
        }
    }

    private static void contend() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (!STOP.get()) {
            Object lock = LOCKS[rnd.nextInt(LOCKS.length)];
            synchronized (lock) {
                long x = 0;
                for (int i = 0; i < 2000; i++) {
                    x += i * rnd.nextInt(7);
                }
                sink += x;
                if (rnd.nextInt(50) == 0) {
                    try {
                        lock.wait(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private static void sleep() {
        while (!STOP.get()) {
            try {
                Thread.sleep(0, 100_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void echo(ServerSocket server) {
        while (!STOP.get()) {
            try {
                Socket s = server.accept();
                start("echo-conn", () -> {
                    try (s; InputStream in = s.getInputStream(); OutputStream o = s.getOutputStream()) {
                        byte[] buf = new byte[512];
                        for (int n; (n = in.read(buf)) > 0; ) {
                            o.write(buf, 0, n);
                        }
                    } catch (IOException e) {
                        // the client went away
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void client(int port) {
        byte[] msg = "GET /bench HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes();
        byte[] buf = new byte[512];
        while (!STOP.get()) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                 InputStream in = s.getInputStream(); OutputStream o = s.getOutputStream()) {
                for (int i = 0; i < 1000 && !STOP.get(); i++) {
                    o.write(msg);
                    int got = 0;
                    while (got < msg.length) {
                        int n = in.read(buf, 0, buf.length);
                        if (n < 0) {
                            break;
                        }
                        got += n;
                    }
                }
            } catch (IOException e) {
                // reconnect
            }
        }
    }

    private static void fileIo(Path file) {
        byte[] block = new byte[4096];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            while (!STOP.get()) {
                f.seek(0);
                for (int i = 0; i < 16; i++) {
                    f.write(block);
                }
                f.seek(0);
                for (int i = 0; i < 16; i++) {
                    f.readFully(block);
                }
                Thread.sleep(1);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void allocate() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (!STOP.get()) {
            List<byte[]> keep = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                keep.add(new byte[rnd.nextInt(64, 8192)]);
            }
            sink += keep.size();
            try {
                if (rnd.nextInt(100) == 0) {
                    throw new IllegalStateException("bench exception " + sink);
                }
            } catch (IllegalStateException e) {
                sink += e.getMessage().length();
            }
        }
    }
}
