package io.incident.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.incident.app.findings.Evidence;
import io.incident.app.findings.Finding;
import io.incident.app.findings.FindingsEngine;
import io.incident.app.findings.RuleResult;
import io.incident.app.findings.Thresholds;
import io.incident.model.ClockKind;
import io.incident.model.ModelText;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code findings [--json] (FILES... | --case X.incident)}: the likely causes, most severe first, with evidence. */
public final class FindingsCommand {
    private FindingsCommand() {
    }

    /** The parsed words shared by commands that take FILES... or --case. */
    record Target(Path caseFile, List<Path> files, boolean json, Path out) {
        static Target parse(String command, List<String> args, boolean wantsOut) throws UsageException {
            Path caseFile = null;
            Path out = null;
            boolean json = false;
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--json") && !wantsOut) {
                    json = true;
                } else if (a.equals("--case") && i + 1 < args.size()) {
                    caseFile = Path.of(args.get(++i));
                } else if (a.equals("--out") && wantsOut && i + 1 < args.size()) {
                    out = Path.of(args.get(++i));
                } else if (a.startsWith("-")) {
                    throw new UsageException(command + ": unknown option " + a);
                } else if (a.endsWith(".incident") && caseFile == null && args.size() == 1) {
                    caseFile = Path.of(a);
                } else {
                    files.add(Path.of(a));
                }
            }
            if ((caseFile == null) == files.isEmpty()) {
                throw new UsageException(command + ": name either FILES... or --case X.incident");
            }
            if (wantsOut && out == null) {
                throw new UsageException(command + ": --out FILE is required");
            }
            return new Target(caseFile, files, json, out);
        }
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Target t = Target.parse("findings", args, false);
        try (CaseLoader c = CaseLoader.open(t.caseFile(), t.files(), err)) {
            List<RuleResult> results = FindingsEngine.run(c.session().sources(), Thresholds.fromSystemProperties());
            List<Finding> findings = FindingsEngine.findings(results);
            if (t.json()) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(findings.stream().map(FindingsCommand::json).toList()));
            } else {
                printText(results, findings, out);
            }
            return 0;
        }
    }

    static Map<String, Object> json(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.rule());
        m.put("title", f.title());
        m.put("severity", f.severity().name().toLowerCase());
        m.put("start", iso(f.start()));
        m.put("end", iso(f.end()));
        List<Map<String, Object>> ev = new ArrayList<>();
        for (Evidence e : f.evidence()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("file", e.file());
            em.put("where", e.where());
            em.put("time", iso(e.time()));
            em.put("text", e.text());
            ev.add(em);
        }
        m.put("evidence", ev);
        m.put("explanation", f.explanation());
        m.put("remedy", f.remedy());
        return m;
    }

    static String iso(long caseTime) {
        return ModelText.time(ClockKind.ABSOLUTE_UTC, caseTime);
    }

    private static void printText(List<RuleResult> results, List<Finding> findings, PrintStream out) {
        if (findings.isEmpty()) {
            out.println("No findings.");
        }
        for (Finding f : findings) {
            out.println(f.severity() + "  " + f.title());
            out.println("    " + iso(f.start()) + " .. " + iso(f.end()) + "   [" + f.rule() + "]");
            out.println("    " + f.explanation());
            for (Evidence e : f.evidence()) {
                out.println("    - " + iso(e.time()) + "  " + e.file() + " (" + e.where() + "): " + e.text());
            }
            out.println("    Remedy: " + f.remedy());
            out.println();
        }
        for (RuleResult r : results) {
            if (!r.applied()) {
                out.println((r.failure() != null ? "FAILED " : "not applicable: ") + r.title() + " ("
                        + (r.failure() != null ? r.failure() : r.notApplicable()) + ")");
            }
        }
    }
}
