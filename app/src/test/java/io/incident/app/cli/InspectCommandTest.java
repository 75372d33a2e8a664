package io.incident.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incident.app.SampleData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    private record Run(int code, String out, String err) {
    }

    private static Run inspect(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = io.incident.app.Launcher.run(args, o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everySampleFileIsDetectedAndRead() throws Exception {
        Path dir = SampleData.incident();
        Run r = inspect("inspect", "--json", dir.toString());
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertTrue(rows.size() >= 10, r.out());
        for (JsonNode row : rows) {
            String file = row.get("file").asText();
            if (file.endsWith(".tsv") || file.endsWith(".txt") && file.contains("facts")) {
                assertEquals("unknown", row.get("kind").asText(), file + " is a note of the sample script, not an artifact");
                continue;
            }
            assertTrue(row.get("error").isNull(), file + ": " + row.get("error"));
            assertTrue(row.has("summary") && row.get("summary").size() > 0, file + " has no summary");
        }
        assertEquals(1, r.code(), "the sample folder holds notes that are not artifacts, so not every file was read");
    }

    @Test
    void kindsFollowContentNotNames(@TempDir Path tmp) throws Exception {
        Path renamed = tmp.resolve("capture.txt");
        Files.copy(SampleData.incident("service.pcap"), renamed);
        Run r = inspect("inspect", "--json", renamed.toString());
        JsonNode row = new ObjectMapper().readTree(r.out()).get(0);
        assertEquals("pcap", row.get("kind").asText());
        assertTrue(row.get("start").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), row.get("start").asText());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void bundlesAreOpenedAndEntriesNamedInside(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("artifacts.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("host/journal.export"));
            z.write(Files.readAllBytes(SampleData.incident("journal.export")));
            z.closeEntry();
        }
        Run r = inspect("inspect", "--json", zip.toString());
        JsonNode row = new ObjectMapper().readTree(r.out()).get(0);
        assertEquals(zip + "!/host/journal.export", row.get("file").asText());
        assertEquals("journal-export", row.get("kind").asText());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void unreadableFilesExitOneWithTheReason(@TempDir Path tmp) throws Exception {
        Path broken = tmp.resolve("broken.pcapng");
        Files.write(broken, new byte[] {0x0A, 0x0D, 0x0D, 0x0A, 0x7f, 0x7f, 0x7f, 0x7f});
        Run r = inspect("inspect", "--json", broken.toString());
        JsonNode row = new ObjectMapper().readTree(r.out()).get(0);
        assertEquals("pcapng", row.get("kind").asText());
        assertTrue(row.get("error").asText().startsWith(broken.toString()), row.get("error").asText());
        assertEquals(1, r.code());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Run r = inspect("inspect");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("name at least one file"), r.err());
        assertEquals(2, inspect("--bogus").code());
    }

    @Test
    void versionIsPrinted() throws Exception {
        Run r = inspect("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("Incident Workbench \\d+\\.\\d+\\.\\d+.*\\s*"), r.out());
        assertEquals(List.of(), List.of(r.err().lines().toArray()));
    }
}
