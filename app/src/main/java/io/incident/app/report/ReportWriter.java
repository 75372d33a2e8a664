package io.incident.app.report;

import io.incident.app.Version;
import io.incident.app.findings.Evidence;
import io.incident.app.findings.Finding;
import io.incident.app.findings.FindingsEngine;
import io.incident.app.findings.RuleResult;
import io.incident.app.session.LoadedSource;
import io.incident.app.store.ArtifactRecord;
import io.incident.app.store.Note;
import io.incident.model.ClockKind;
import io.incident.model.CounterTrack;
import io.incident.model.Diagnostic;
import io.incident.model.ModelText;
import io.incident.model.SampleTrack;
import io.incident.model.SampleType;
import io.incident.model.Severity;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import io.incident.views.flame.FlameLayout;
import io.incident.views.flame.FlamePalette;
import io.incident.views.flame.FlameSvg;
import io.incident.views.flame.FlameTree;
import io.incident.views.flame.FlameTreeBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the incident report: one self-contained HTML file (no script, no external resource, a strict
 * Content-Security-Policy) with the summary, the incident window as SVG, each finding with its evidence, CPU flame
 * graphs, the connection table, the analyst's notes and the chain of custody. Every string from an artifact is escaped.
 */
public final class ReportWriter {
    private static final int MAX_CONNECTIONS = 400;

    private ReportWriter() {
    }

    public static String write(String caseName, List<LoadedSource> sources, List<RuleResult> results, List<Note> notes) {
        List<Finding> findings = FindingsEngine.findings(results);
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
                        + "'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Incident report \u2014 ").append(Html.esc(caseName)).append("</title>\n<style>")
                .append(CSS).append("</style></head><body>\n");
        header(h, caseName, sources, findings);
        TimelineSvg.write(h, sources, findings);
        findingsSection(h, findings, results);
        flames(h, sources);
        connections(h, sources);
        notesSection(h, notes);
        custody(h, sources);
        h.append("<footer>Written by ").append(Html.esc(Version.NAME)).append(' ').append(Html.esc(Version.get()))
                .append(" at ").append(Instant.now().toString()).append(". All times are UTC.</footer>\n</body></html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, String caseName, List<LoadedSource> sources, List<Finding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        h.append("<header><h1>Incident report</h1><p class=\"sub\">Case <b>").append(Html.esc(caseName)).append("</b> \u2014 ")
                .append(sources.size()).append(" artifacts, ").append(errors).append(" errors, ").append(warnings)
                .append(" warnings").append(window(findings)).append("</p></header>\n");
        h.append("<section><h2>Summary</h2><ol class=\"summary\">");
        for (Finding f : findings) {
            if (f.severity() != Severity.INFO) {
                h.append("<li><span class=\"sev ").append(f.severity().name().toLowerCase()).append("\">")
                        .append(f.severity()).append("</span> <b>").append(time(f.start())).append("</b> ")
                        .append(Html.esc(f.title())).append("</li>");
            }
        }
        if (errors + warnings == 0) {
            h.append("<li>No finding at WARNING or above.</li>");
        }
        h.append("</ol></section>\n");
    }

    private static String window(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "";
        }
        long a = findings.stream().mapToLong(Finding::start).min().orElse(0);
        long b = findings.stream().mapToLong(Finding::end).max().orElse(0);
        String day = ModelText.time(ClockKind.ABSOLUTE_UTC, a).substring(0, 10);
        return ", " + day + " from " + time(a) + " to " + time(b) + " UTC";
    }

    private static void findingsSection(StringBuilder h, List<Finding> findings, List<RuleResult> results) {
        h.append("<section><h2>Findings</h2>\n");
        int n = 0;
        for (Finding f : findings) {
            n++;
            h.append("<article class=\"finding ").append(f.severity().name().toLowerCase()).append("\" id=\"f").append(n)
                    .append("\"><h3><span class=\"sev ").append(f.severity().name().toLowerCase()).append("\">")
                    .append(f.severity()).append("</span> ").append(Html.esc(f.title())).append("</h3>")
                    .append("<p class=\"when\">").append(time(f.start())).append(" \u2013 ").append(time(f.end()))
                    .append(" \u00b7 rule <code>").append(Html.esc(f.rule())).append("</code></p>")
                    .append("<p>").append(Html.esc(f.explanation())).append("</p>")
                    .append("<table class=\"ev\"><thead><tr><th>Time</th><th>Artifact</th><th>Where</th><th>Event</th>"
                            + "</tr></thead><tbody>");
            for (Evidence e : f.evidence()) {
                h.append("<tr><td>").append(time(e.time())).append("</td><td>").append(Html.esc(fileName(e.file())))
                        .append("</td><td>").append(Html.esc(e.where())).append("</td><td>").append(Html.esc(e.text()))
                        .append("</td></tr>");
            }
            h.append("</tbody></table><p class=\"remedy\"><b>What to do:</b> ").append(Html.esc(f.remedy()))
                    .append("</p></article>\n");
        }
        List<String> skipped = new ArrayList<>();
        for (RuleResult r : results) {
            if (!r.applied()) {
                skipped.add(Html.esc(r.title()) + " \u2014 " + Html.esc(r.failure() != null ? "failed: " + r.failure()
                        : r.notApplicable()));
            }
        }
        if (!skipped.isEmpty()) {
            h.append("<p class=\"muted\">Rules that did not apply: ").append(String.join("; ", skipped)).append("</p>");
        }
        h.append("</section>\n");
    }

    private static void flames(StringBuilder h, List<LoadedSource> sources) {
        StringBuilder body = new StringBuilder();
        for (LoadedSource s : sources) {
            if (s.record().kind() != SourceKind.PPROF && s.record().kind() != SourceKind.JFR) {
                continue;
            }
            for (Track t : s.source().tracks()) {
                if (!(t instanceof SampleTrack st) || st.size() == 0) {
                    continue;
                }
                int type = cpuType(st);
                if (type < 0 || s.record().kind() == SourceKind.JFR && !t.name().equals("CPU samples")) {
                    continue;
                }
                FlameTree tree = FlameTreeBuilder.build(s.source(), st, type, io.incident.views.flame.FlameFilter.ALL);
                FlameLayout layout = FlameLayout.compute(tree, 0, 1100, 1.0);
                String svg = FlameSvg.render(layout, fileName(s.record().path()) + " \u203a " + t.name(), false,
                        node -> FlamePalette.warm(tree.name(node)),
                        node -> tree.name(node) + " \u2014 " + String.format("%.1f%%", 100.0 * tree.total(node)
                                / Math.max(1, tree.total())));
                body.append("<figure>").append(svg.substring(svg.indexOf("<svg"))).append("<figcaption>")
                        .append(Html.esc(fileName(s.record().path()))).append(": CPU by call stack; width is time on "
                                + "CPU, hover a frame for its share.</figcaption></figure>\n");
            }
        }
        if (body.length() > 0) {
            h.append("<section><h2>CPU flame graphs</h2>").append(body).append("</section>\n");
        }
    }

    private static int cpuType(SampleTrack st) {
        List<SampleType> types = st.types();
        for (int k = 0; k < types.size(); k++) {
            if (types.get(k).type().equals("cpu") || types.get(k).type().equals("samples") && types.size() == 1) {
                return k;
            }
        }
        return -1;
    }

    private static void connections(StringBuilder h, List<LoadedSource> sources) {
        for (LoadedSource s : sources) {
            if (s.record().kind() != SourceKind.PCAP && s.record().kind() != SourceKind.PCAPNG) {
                continue;
            }
            for (Track t : s.source().tracks()) {
                if (t instanceof SpanTrack st && t.name().equals("TCP connections")) {
                    table(h, s, st);
                    return;
                }
            }
        }
    }

    private static void table(StringBuilder h, LoadedSource s, SpanTrack st) {
        h.append("<section><h2>TCP connections</h2><p class=\"muted\">From ").append(Html.esc(fileName(s.record().path())))
                .append(": ").append(st.size()).append(" connections").append(st.size() > MAX_CONNECTIONS
                        ? ", the first " + MAX_CONNECTIONS + " shown" : "")
                .append(".</p><div class=\"scroll\"><table class=\"conn\"><thead><tr><th>Start</th><th>Duration</th>"
                        + "<th>Client</th><th>Server</th><th>Closed</th><th>Client silent</th><th>Bytes c\u2192s / s\u2192c</th>"
                        + "<th>Label</th></tr></thead><tbody>");
        for (int i = 0; i < Math.min(st.size(), MAX_CONNECTIONS); i++) {
            Map<String, String> a = s.source().argsOf(st.args(i));
            long start = s.record().clock().toCase(st.start(i));
            h.append("<tr><td>").append(time(start)).append("</td><td>")
                    .append(String.format("%.1f s", (st.end(i) - st.start(i)) / 1e9)).append("</td><td>")
                    .append(Html.esc(a.get("client"))).append("</td><td>").append(Html.esc(a.get("server")))
                    .append("</td><td>").append(Html.esc(a.getOrDefault("state", ""))).append(a.containsKey("rst_by")
                            ? " by " + Html.esc(a.get("rst_by")) : "").append("</td><td>")
                    .append(Html.esc(a.getOrDefault("quiet_longest_ms", a.getOrDefault("idle_longest_ms", ""))))
                    .append(" ms</td><td>").append(Html.esc(a.getOrDefault("bytes_client_to_server", "0"))).append(" / ")
                    .append(Html.esc(a.getOrDefault("bytes_server_to_client", "0"))).append("</td><td>")
                    .append(Html.esc(a.getOrDefault("http", a.getOrDefault("tls_sni", "")))).append("</td></tr>");
        }
        h.append("</tbody></table></div></section>\n");
    }

    private static void notesSection(StringBuilder h, List<Note> notes) {
        h.append("<section><h2>Analyst's notes and bookmarks</h2>");
        if (notes.isEmpty()) {
            h.append("<p class=\"muted\">No notes in this case.</p>");
        }
        for (Note n : notes) {
            h.append("<div class=\"note\"><h3>").append(Html.esc(n.title().isEmpty() ? "(untitled)" : n.title()))
                    .append("</h3>");
            if (n.start() != null) {
                h.append("<p class=\"when\">Bookmark: ").append(time(n.start()))
                        .append(n.end() != null && !n.end().equals(n.start()) ? " \u2013 " + time(n.end()) : "").append("</p>");
            }
            h.append("<p class=\"pre\">").append(Html.esc(n.text())).append("</p></div>");
        }
        h.append("</section>\n");
    }

    private static void custody(StringBuilder h, List<LoadedSource> sources) {
        h.append("<section><h2>Artifacts (chain of custody)</h2><div class=\"scroll\"><table class=\"custody\"><thead><tr>"
                + "<th>Artifact</th><th>Kind</th><th>Size</th><th>SHA-256</th><th>Clock</th><th>Diagnostics</th>"
                + "</tr></thead><tbody>");
        for (LoadedSource s : sources) {
            ArtifactRecord r = s.record();
            StringBuilder diags = new StringBuilder();
            for (Diagnostic d : r.diagnostics()) {
                diags.append(diags.length() == 0 ? "" : "<br>").append(Html.esc(d.severity() + " " + d.name() + " \u00d7"
                        + d.count() + " (first at " + d.firstWhere() + ": " + d.firstMessage() + ")"));
            }
            h.append("<tr><td>").append(Html.esc(r.path())).append("</td><td>").append(Html.esc(r.kind().id()))
                    .append("</td><td>").append(r.size()).append("</td><td><code>").append(Html.esc(r.sha256()))
                    .append("</code></td><td>").append(Html.esc(r.clockBasis())).append(r.offsetNanos() != 0
                            ? String.format("; offset %+.3f s", r.offsetNanos() / 1e9) : "; no offset")
                    .append(r.date() != null ? "; date " + r.date() : "").append("</td><td>")
                    .append(diags.length() == 0 ? "none" : diags).append("</td></tr>");
        }
        h.append("</tbody></table></div></section>\n");
    }

    static String time(long caseTime) {
        String iso = ModelText.time(ClockKind.ABSOLUTE_UTC, caseTime);
        int t = iso.indexOf('T');
        String hms = iso.substring(t + 1, iso.length() - 1);
        return hms.length() > 12 ? hms.substring(0, 12) : hms;
    }

    static String fileName(String path) {
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('!'));
        return i < 0 ? path : path.substring(i + 1);
    }

    private static final String CSS = String.join("\n",
            "body{font:15px/1.5 -apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#111827;max-width:1180px;"
                    + "margin:0 auto;padding:24px;background:#fff}",
            "h1{font-size:28px;margin:0}h2{font-size:20px;border-bottom:2px solid #e5e7eb;padding-bottom:4px;margin-top:36px}",
            "h3{font-size:16px;margin:0 0 4px}.sub{color:#4b5563;margin:4px 0 0}",
            ".sev{display:inline-block;font-size:11px;font-weight:700;padding:1px 6px;border-radius:3px;color:#fff}",
            ".sev.error{background:#b91c1c}.sev.warning{background:#b45309}.sev.info{background:#6b7280}",
            ".finding{border-left:4px solid #d1d5db;padding:8px 14px;margin:14px 0;background:#f9fafb;break-inside:avoid}",
            ".finding.error{border-color:#b91c1c}.finding.warning{border-color:#d97706}",
            ".when{color:#6b7280;font-size:13px;margin:0 0 6px}.remedy{color:#065f46}.muted{color:#6b7280;font-size:13px}",
            "table{border-collapse:collapse;width:100%;font-size:12.5px}th,td{text-align:left;padding:3px 6px;"
                    + "border-bottom:1px solid #e5e7eb;vertical-align:top;overflow-wrap:anywhere}",
            "th{background:#f3f4f6}td:first-child{white-space:nowrap}code{font-size:11.5px}.scroll{overflow-x:auto}.pre{white-space:pre-wrap}",
            "figure{margin:10px 0;overflow-x:auto}figcaption{color:#6b7280;font-size:13px}svg{max-width:100%;height:auto}",
            ".summary li{margin:2px 0}footer{margin-top:40px;color:#6b7280;font-size:12px}",
            ".note{border:1px solid #e5e7eb;border-radius:4px;padding:8px 12px;margin:8px 0}",
            "@media (max-width:700px){body{padding:10px;font-size:14px}table{font-size:11.5px}}",
            "@media print{body{max-width:none;padding:0}h2{break-after:avoid}.scroll{overflow:visible}}");
}
