// DemoClient: small Java 17 client of demo-svc, recorded with JFR.
// Blocking HttpURLConnection reads (jdk.SocketRead), executor threads that
// park (jdk.ThreadPark) and a garbage generator (jdk.GarbageCollection).
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

public class DemoClient {
    static final AtomicLong ok = new AtomicLong(), failed = new AtomicLong();
    static volatile String lastError = "";
    static final BlockingQueue<byte[]> results = new ArrayBlockingQueue<>(16);

    static void log(String msg) {
        System.out.println(Instant.now() + " demo-java-client " + msg);
    }

    static int fetch(String url, int readTimeoutMs) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(3000);
            c.setReadTimeout(readTimeoutMs);
            c.setRequestProperty("User-Agent", "demo-java-client/1");
            int code = c.getResponseCode();
            try (InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream()) {
                byte[] body = in == null ? new byte[0] : in.readAllBytes();
                results.offer(body);
            }
            if (code == 200) ok.incrementAndGet(); else { failed.incrementAndGet(); lastError = "HTTP " + code + " " + url; }
            return code;
        } catch (Exception e) {
            failed.incrementAndGet();
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage() + " (" + url + ")";
            return -1;
        }
    }

    public static void main(String[] args) throws Exception {
        String[] bases = args.length > 0 ? args[0].split(",") : new String[] {"http://127.0.0.1:8080"};
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 60;
        log("start bases=" + String.join(",", bases) + " duration=" + seconds + "s");
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(3);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        AtomicLong n = new AtomicLong();

        pool.scheduleWithFixedDelay(() -> {
            long i = n.incrementAndGet();
            fetch(bases[(int) (i % bases.length)] + "/api/work", 5000);
        }, 200, 1000, TimeUnit.MILLISECONDS);
        pool.scheduleWithFixedDelay(() -> fetch(bases[0] + "/api/upstream", 15000), 1000, 4000, TimeUnit.MILLISECONDS);
        pool.scheduleWithFixedDelay(() -> {
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(bases[bases.length - 1] + "/healthz"))
                        .timeout(Duration.ofSeconds(5)).header("User-Agent", "demo-java-client/1 httpclient").build();
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) ok.incrementAndGet(); else failed.incrementAndGet();
            } catch (Exception e) {
                failed.incrementAndGet();
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage() + " (healthz)";
            }
        }, 500, 10000, TimeUnit.MILLISECONDS);
        pool.scheduleAtFixedRate(() -> log("progress ok=" + ok.get() + " errors=" + failed.get() + " last_error=" + lastError),
                15, 15, TimeUnit.SECONDS);

        // consumer thread: parks on an empty queue most of the time
        Thread consumer = new Thread(() -> {
            long bytes = 0;
            try {
                while (true) {
                    byte[] b = results.poll(2, TimeUnit.SECONDS);
                    if (b != null) bytes += b.length;
                }
            } catch (InterruptedException e) {
                log("consumer saw " + bytes + " bytes");
            }
        }, "result-consumer");
        consumer.start();

        // garbage generator on the main thread
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long sink = 0;
        while (System.nanoTime() < deadline) {
            List<Object> garbage = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                garbage.add(new byte[512 + (i % 7) * 128]);
                garbage.add("row-" + i + "-" + System.nanoTime());
            }
            sink += garbage.size();
            Thread.sleep(200);
        }
        pool.shutdown();
        pool.awaitTermination(20, TimeUnit.SECONDS);
        pool.shutdownNow();
        consumer.interrupt();
        consumer.join(3000);
        log("finished ok=" + ok.get() + " errors=" + failed.get() + " objects=" + sink + " last_error=" + lastError);
    }
}
