package io.incident.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.Launcher;
import io.incident.app.SampleData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report command, headless, on the sample incident and on artifacts that carry HTML and script. */
class ReportTest {
    private static int run(String... args) {
        return Launcher.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void theSampleIncidentReportHasEverySection(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("incident.html");
        assertEquals(0, run("report", "--out", out.toString(), SampleData.incident().toString()));
        String html = Files.readString(out);
        for (String section : new String[] {"<h2>Summary</h2>", "<h2>Incident window</h2>", "<h2>Findings</h2>",
            "<h2>CPU flame graphs</h2>", "<h2>TCP connections</h2>", "<h2>Analyst's notes and bookmarks</h2>",
            "<h2>Artifacts (chain of custody)</h2>"}) {
            assertTrue(html.contains(section), "missing " + section);
        }
        assertTrue(html.contains("Goroutine leak: main.leakyHandler.func1 grew from 200 to 500"));
        assertTrue(html.contains("crypto/sha256.block"), "the CPU flame graph names the hot function");
        for (String name : new String[] {"service.pcap", "service.strace", "client.jfr", "journal.export"}) {
            assertTrue(html.contains(name), name + " is not in the chain of custody");
        }
        assertTrue(Pattern.compile("<code>[0-9a-f]{64}</code>").matcher(html).find(), "no SHA-256");
        assertSelfContained(html);
    }

    @Test
    void stringsFromArtifactsStayInert(@TempDir Path tmp) throws Exception {
        // The folder and file names are data too.
        Path dir = Files.createDirectories(tmp.resolve("hostile<script>alert(0)</script>"));
        // A journal export (the real format) in which a service restarts (a new PID under the same name), so its log
        // lines become evidence; the lines carry markup and script.
        String payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        StringBuilder export = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            long usec = 1795385311000000L + i * 1_000_000L;
            export.append("__CURSOR=s=1;i=").append(i).append('\n').append("__REALTIME_TIMESTAMP=").append(usec).append('\n')
                    .append("__MONOTONIC_TIMESTAMP=").append(i).append('\n').append("_BOOT_ID=b007\n")
                    .append("__SEQNUM=").append(i + 1).append('\n').append("PRIORITY=6\n_PID=").append(i < 3 ? 31 : 319)
                    .append("\nSYSLOG_IDENTIFIER=svc\">\n").append("MESSAGE=line ").append(i).append(' ').append(payload)
                    .append("\n\n");
        }
        Files.writeString(dir.resolve("journal<b>.export"), export.toString());
        // A goroutine dump (debug=2 shape) with a crowd parked in a function whose name carries markup.
        StringBuilder dump = new StringBuilder();
        for (int g = 1; g <= 250; g++) {
            dump.append("goroutine ").append(g).append(" [chan receive, 5 minutes]:\n")
                    .append("main.<img src=x onerror=alert(4)>(...)\n\t/src/<b>x.go:12 +0x1d\n")
                    .append("created by main.main in goroutine 1\n\t/src/main.go:3 +0x2\n\n");
        }
        Files.writeString(dir.resolve("dump.txt"), dump.toString());
        Path out = tmp.resolve("hostile.html");
        assertEquals(0, run("report", "--out", out.toString(), dir.toString()));
        String html = Files.readString(out);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the log line is shown, escaped");
        assertTrue(html.contains("main.&lt;img src=x onerror=alert(4)&gt;"), "the function name is shown, escaped");
        assertTrue(html.contains("hostile&lt;script&gt;alert(0)&lt;/script&gt;"), "the path is shown, escaped");
        assertFalse(html.contains("<script"), "a script element came through");
        for (String raw : new String[] {"<img src=x", "<b>x.go", "<b>.export", "<script>alert"}) {
            assertFalse(html.contains(raw), "markup from an artifact came through: " + raw);
        }
        assertFalse(Pattern.compile("\\son\\w+=", Pattern.CASE_INSENSITIVE).matcher(stripText(html)).find(),
                "an event-handler attribute came through");
        assertSelfContained(html);
    }

    /** Tags only, text removed: what a browser would parse as markup. */
    private static String stripText(String html) {
        StringBuilder tags = new StringBuilder();
        Matcher m = Pattern.compile("<[^>]*>").matcher(html);
        while (m.find()) {
            tags.append(m.group()).append('\n');
        }
        return tags.toString();
    }

    private static void assertSelfContained(String html) {
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"), "no strict CSP");
        String tags = stripText(html);
        assertFalse(Pattern.compile("(src|href)=\"(https?:|//)", Pattern.CASE_INSENSITIVE).matcher(tags).find(),
                "an external resource is referenced");
        assertFalse(tags.contains("<script"), "the report carries script");
    }
}
