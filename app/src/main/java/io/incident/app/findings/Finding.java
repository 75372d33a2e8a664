package io.incident.app.findings;

import io.incident.model.Severity;
import java.util.List;

/**
 * What a rule concluded: a title, how bad, when (case time, epoch ns), the events it rests on, a plain explanation and
 * what to do about it.
 */
public record Finding(String rule, String title, Severity severity, long start, long end, List<Evidence> evidence,
                      String explanation, String remedy) {
    public Finding {
        evidence = List.copyOf(evidence);
    }

    /** The artifacts (by file) the evidence comes from. */
    public long sourceCount() {
        return evidence.stream().map(Evidence::file).distinct().count();
    }
}
