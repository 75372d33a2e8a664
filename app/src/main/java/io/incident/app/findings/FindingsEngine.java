package io.incident.app.findings;

import io.incident.app.session.LoadedSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every rule over a case. A rule that breaks is reported as failed; the others still run. */
public final class FindingsEngine {
    private static final List<Rule> RULES = List.of(
            new GoroutineLeakRule(),
            new IdleConnectionRule(),
            new OutboundWaitRule(),
            new ExhaustionRule(),
            new ResetBurstRule(),
            new NetworkHealthRule(),
            new UseAfterCloseRule(),
            new ProcessDeathRule(),
            new GcPauseRule(),
            new CpuHotspotRule());

    private FindingsEngine() {
    }

    public static List<RuleResult> run(List<LoadedSource> sources, Thresholds t) {
        CaseData data = new CaseData(sources);
        List<RuleResult> out = new ArrayList<>();
        for (Rule r : RULES) {
            if (!r.applies(data)) {
                out.add(new RuleResult(r.id(), r.title(), List.of(), "needs " + r.requires(), null));
                continue;
            }
            try {
                out.add(new RuleResult(r.id(), r.title(), r.evaluate(data, t), null, null));
            } catch (RuntimeException e) {
                out.add(new RuleResult(r.id(), r.title(), List.of(), null, e.toString()));
            }
        }
        return out;
    }

    /** Every finding of the results, most severe first, then by time. */
    public static List<Finding> findings(List<RuleResult> results) {
        List<Finding> all = new ArrayList<>();
        results.forEach(r -> all.addAll(r.findings()));
        all.sort(Comparator.comparing((Finding f) -> f.severity()).reversed().thenComparingLong(Finding::start));
        return all;
    }
}
