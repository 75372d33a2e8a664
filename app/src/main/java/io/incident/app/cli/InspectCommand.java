package io.incident.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.incident.app.ingest.ArtifactReading;
import io.incident.app.ingest.ArtifactScanner;
import io.incident.app.ingest.Candidate;
import io.incident.app.ingest.ReadOutcome;
import io.incident.model.ClockKind;
import io.incident.model.Diagnostic;
import io.incident.model.ModelText;
import io.incident.model.Source;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code inspect FILE... [--json]}: per file the detected kind, time range, counts, diagnostics or error. Folders and
 * bundles are expanded. Exit 0 when every file was read, 1 when any was not.
 */
public final class InspectCommand {
    private InspectCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
        FileArgs parsed = FileArgs.parse("inspect", args);
        boolean json = parsed.json();
        List<Path> files = parsed.files();
        Path scratch = Files.createTempDirectory("workbench-inspect");
        try {
            ArtifactScanner.Scan scan = new ArtifactScanner(scratch, Limits.fromSystemProperties(), Cancellation.none())
                    .scan(files);
            List<Map<String, Object>> rows = new ArrayList<>();
            boolean allRead = true;
            for (ArtifactScanner.Problem p : scan.problems()) {
                rows.add(row(p.displayPath(), "unknown", null, p.message()));
                allRead = false;
            }
            for (Candidate c : scan.candidates()) {
                ReadOutcome r = ArtifactReading.read(c, Limits.fromSystemProperties(), Progress.NONE, Cancellation.none());
                rows.add(row(c.displayPath(), r.detection().kind().id(), r.source(), r.error()));
                allRead &= r.ok();
            }
            if (json) {
                out.println(toJson(rows));
            } else {
                rows.forEach(r -> printText(r, out));
            }
            return allRead ? 0 : 1;
        } finally {
            Scratch.delete(scratch);
        }
    }

    static Map<String, Object> row(String file, String kind, Source s, String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("kind", kind);
        boolean absolute = s != null && s.clockKind() == ClockKind.ABSOLUTE_UTC && s.hasTimeRange();
        m.put("start", absolute ? ModelText.time(ClockKind.ABSOLUTE_UTC, s.minTime()) : null);
        m.put("end", absolute ? ModelText.time(ClockKind.ABSOLUTE_UTC, s.maxTime()) : null);
        if (s != null && s.clockKind() != ClockKind.ABSOLUTE_UTC) {
            m.put("clock", s.clockKind() == ClockKind.TIME_OF_DAY ? "time-of-day" : "relative");
        }
        Map<String, Object> diags = new LinkedHashMap<>();
        if (s != null) {
            for (Diagnostic d : s.diagnostics()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("severity", d.severity().name().toLowerCase());
                dm.put("count", d.count());
                dm.put("first", d.firstWhere());
                dm.put("message", d.firstMessage());
                diags.put(d.name(), dm);
            }
        }
        m.put("diagnostics", diags);
        m.put("error", error);
        m.put("summary", s == null ? Map.of() : s.summary());
        if (s != null) {
            m.put("tracks", s.tracks().size());
            m.put("events", s.eventCount());
        }
        return m;
    }

    private static void printText(Map<String, Object> r, PrintStream out) {
        out.println(r.get("file"));
        out.println("  kind:    " + r.get("kind"));
        if (r.get("error") != null) {
            out.println("  error:   " + r.get("error"));
        }
        if (r.get("start") != null) {
            out.println("  range:   " + r.get("start") + " .. " + r.get("end"));
        } else if (r.get("clock") != null) {
            out.println("  clock:   " + r.get("clock"));
        }
        if (r.get("events") != null) {
            out.println("  model:   " + r.get("tracks") + " tracks, " + r.get("events") + " events");
        }
        ((Map<?, ?>) r.get("summary")).forEach((k, v) -> out.println("  " + k + ": " + v));
        ((Map<?, ?>) r.get("diagnostics")).forEach((k, v) -> out.println("  diagnostic " + k + ": " + v));
    }

    static String toJson(Object o) throws JsonProcessingException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
    }
}
