package io.incident.app.cli;

import io.incident.app.findings.FindingsEngine;
import io.incident.app.findings.Thresholds;
import io.incident.app.report.ReportWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code report --out incident.html [--case X.incident | FILES...]}: the self-contained HTML report, headless. */
public final class ReportCommand {
    private ReportCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        FindingsCommand.Target t = FindingsCommand.Target.parse("report", args, true);
        try (CaseLoader c = CaseLoader.open(t.caseFile(), t.files(), err)) {
            String name = t.caseFile() != null ? t.caseFile().getFileName().toString()
                    : t.files().get(0).toAbsolutePath().normalize().getFileName().toString();
            var sources = c.session().sources();
            String html = ReportWriter.write(name, sources, FindingsEngine.run(sources, Thresholds.fromSystemProperties()),
                    c.session().store().notes());
            Path target = t.out().toAbsolutePath();
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.writeString(target, html, StandardCharsets.UTF_8);
            out.println("wrote " + target + " (" + html.length() / 1024 + " KiB)");
            return 0;
        }
    }
}
