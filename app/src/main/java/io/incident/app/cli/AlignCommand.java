package io.incident.app.cli;

import io.incident.app.align.Aligner;
import io.incident.app.align.Proposal;
import io.incident.app.ingest.ArtifactReading;
import io.incident.app.ingest.ArtifactScanner;
import io.incident.app.ingest.Candidate;
import io.incident.app.ingest.ReadOutcome;
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
import java.util.Locale;
import java.util.Map;

/**
 * {@code align [--json] FILES...}: per source the proposed clock offset, the date chosen for a time-of-day source, how
 * many pairs support it, their residual and a confidence. The first source with an absolute clock is the reference.
 * Exit 0 when every file was read, 1 when any was not (the rest are still aligned).
 */
public final class AlignCommand {
    private AlignCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
        FileArgs parsed = FileArgs.parse("align", args);
        Limits limits = Limits.fromSystemProperties();
        Path scratch = Files.createTempDirectory("workbench-align");
        try {
            ArtifactScanner.Scan scan = new ArtifactScanner(scratch, limits, Cancellation.none()).scan(parsed.files());
            boolean allRead = scan.problems().isEmpty();
            scan.problems().forEach(p -> err.println("align: " + p.displayPath() + ": " + p.message()));
            List<Aligner.Input> inputs = new ArrayList<>();
            for (Candidate c : scan.candidates()) {
                ReadOutcome r = ArtifactReading.read(c, limits, Progress.NONE, Cancellation.none());
                if (r.ok()) {
                    inputs.add(new Aligner.Input(c.displayPath(), r.source()));
                } else {
                    err.println("align: " + r.error());
                    allRead = false;
                }
            }
            List<Proposal> proposals = Aligner.solve(inputs);
            if (parsed.json()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                proposals.forEach(p -> rows.add(row(p)));
                out.println(InspectCommand.toJson(rows));
            } else {
                proposals.forEach(p -> printText(p, out));
            }
            return allRead ? 0 : 1;
        } finally {
            Scratch.delete(scratch);
        }
    }

    static Map<String, Object> row(Proposal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.file());
        m.put("offsetNanos", p.offsetNanos());
        m.put("date", p.date() == null ? null : p.date().toString());
        m.put("pairs", p.pairCount());
        m.put("residualNanos", p.residualNanos());
        m.put("confidence", Math.round(p.confidence() * 1000) / 1000.0);
        return m;
    }

    private static void printText(Proposal p, PrintStream out) {
        out.println(p.file());
        out.println("  offset:     " + seconds(p.offsetNanos()) + (p.date() == null ? "" : "   date: " + p.date()));
        out.println(String.format(Locale.ROOT, "  pairs:      %d   residual: %s   confidence: %.2f", p.pairCount(),
                seconds(p.residualNanos()), p.confidence()));
        out.println("  basis:      " + p.basis());
    }

    /** Signed seconds with nanosecond digits, e.g. {@code +3.700000000 s}. */
    public static String seconds(long nanos) {
        String sign = nanos < 0 ? "-" : "+";
        long a = Math.abs(nanos);
        return String.format(Locale.ROOT, "%s%d.%09d s", sign, a / 1_000_000_000L, a % 1_000_000_000L);
    }
}
