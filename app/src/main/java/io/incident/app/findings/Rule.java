package io.incident.app.findings;

import java.util.List;

/**
 * A stateless analysis, in the manner of JDK Mission Control's rules: it says what it needs, and from the case's
 * sources returns its findings. A rule whose inputs are missing says so instead of returning nothing.
 */
public interface Rule {
    String id();

    String title();

    /** What the rule reads, for the "not applicable" list: "goroutine dumps", "strace or journal", ... */
    String requires();

    /** Whether the case holds what the rule needs. */
    boolean applies(CaseData data);

    List<Finding> evaluate(CaseData data, Thresholds t);
}
